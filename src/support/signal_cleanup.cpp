// The signal handler and its registrations. The registration is published through atomics
// after it is complete, so the handler sees either nothing or a whole list.
#include "support/signal_cleanup.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace ttl {

namespace {

struct Registration {
    const char* const* paths = nullptr;
    size_t files = 0;
    size_t count = 0;
};

std::atomic<const Registration*> g_cleanup{nullptr};
std::atomic<pid_t> g_child_group{0};
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};

void on_signal(int sig) {
    pid_t group = g_child_group.load();
    if (group > 0) kill(-group, SIGKILL);
    if (const Registration* r = g_cleanup.load()) {
        for (size_t i = 0; i < r->count; ++i) {
            if (i < r->files) {
                unlink(r->paths[i]);
            } else {
                rmdir(r->paths[i]);
            }
        }
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void install_handlers() {
    static const bool installed = [] {
        struct sigaction action {};
        action.sa_handler = on_signal;
        sigemptyset(&action.sa_mask);
        for (int s : kSignals) sigaddset(&action.sa_mask, s);
        for (int s : kSignals) {
            struct sigaction old {};
            sigaction(s, nullptr, &old);
            if (old.sa_handler == SIG_IGN) continue;  // e.g. nohup: keep ignoring
            sigaction(s, &action, nullptr);
        }
        return true;
    }();
    (void)installed;
}

// Storage for the active registration (one at a time).
Registration g_registration;
std::vector<const char*> g_pointers;

}  // namespace

SignalCleanup::SignalCleanup(const std::vector<std::string>& files, const std::vector<std::string>& dirs)
    : files_(files.size()) {
    install_handlers();
    g_cleanup.store(nullptr);
    paths_.insert(paths_.end(), files.begin(), files.end());
    paths_.insert(paths_.end(), dirs.begin(), dirs.end());
    g_pointers.clear();
    for (const std::string& p : paths_) g_pointers.push_back(p.c_str());
    g_registration = Registration{g_pointers.data(), files_, g_pointers.size()};
    g_cleanup.store(&g_registration);
}

SignalCleanup::~SignalCleanup() {
    g_cleanup.store(nullptr);
}

SignalForward::SignalForward(pid_t pgid) {
    install_handlers();
    g_child_group.store(pgid);
}

SignalForward::~SignalForward() {
    g_child_group.store(0);
}

}  // namespace ttl
