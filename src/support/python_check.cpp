// Runs a short script in the system Python, which reads the text on its stdin; a check can be
// started before ttl-export runs itself again and be taken over by the new run.
#include "support/python_check.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <sstream>

#include "support/process.h"

namespace fs = std::filesystem;

namespace ttl {

namespace {

// Prints one line per problem: KIND<TAB>LINE<TAB>COLUMN<TAB>MESSAGE (E syntax, U undefined name),
// or N<TAB>note when pyflakes is missing. Its stdin: a first line, `lint` (compile, then look for
// undefined names) or `compile` (only compile), then the text. The interpreter starts before the
// text is ready, without `site` (-S); site-packages, then pyflakes and the `ast` module it needs
// (about 20 ms, half of the check), and even `os` and `_ast` (3 to 5 ms of a compile-only check's
// 25 to 30 ms of CPU) are loaded only for `lint`.
constexpr const char* kScript = R"PY(
import sys
name = sys.argv[1]
mode, _, text = sys.stdin.buffer.read().partition(b"\n")
src = text.decode("utf-8")
try:
    if mode == b"lint":  # the tree is kept for pyflakes
        import _ast
        tree = compile(src, name, "exec", _ast.PyCF_ONLY_AST)
        compile(tree, name, "exec")
    else:
        compile(src, name, "exec")
except SyntaxError as e:
    print(f"E\t{e.lineno or 1}\t{e.offset or 1}\t{e.msg}")
    sys.exit(0)
if mode != b"lint":
    sys.exit(0)
# Started with -S (compiling needs no site-packages): the site directories are added now, as
# paths only. Their .pth files (code that installed packages run at start-up, which may print)
# are run only if pyflakes is not found without them.
import os, site
sys.path += [d for d in site.getsitepackages() if d not in sys.path]
# pyflakes imports doctest (and with it pdb, unittest, inspect: most of its start-up time) only
# for withDoctest, which is off: a stand-in serves; the real module if pyflakes needs more of it.
import types
stand_in = types.ModuleType("doctest")
stand_in.DocTestParser = type("DocTestParser", (), {"get_examples": lambda self, *a, **k: []})
sys.modules.setdefault("doctest", stand_in)
def load_pyflakes():
    try:
        from pyflakes import checker, messages
    except AttributeError:
        for module in ("doctest", "pyflakes.checker", "pyflakes.messages", "pyflakes"):
            sys.modules.pop(module, None)
        from pyflakes import checker, messages
    return checker, messages
try:
    checker, messages = load_pyflakes()
except ImportError:
    try:
        shown, sys.stdout = sys.stdout, open(os.devnull, "w")  # what a .pth file prints is not ours
        try:
            site.main()  # a virtual environment, or a .pth file that says where packages are
        finally:
            sys.stdout = shown
        checker, messages = load_pyflakes()
    except ImportError:
        print("N\tpyflakes is not installed (Debian: python3-pyflakes): undefined names were not looked for")
        sys.exit(0)
for m in checker.Checker(tree, name).messages:
    if isinstance(m, (messages.UndefinedName, messages.UndefinedLocal, messages.UndefinedExport)):
        print(f"U\t{m.lineno}\t{m.col + 1}\t{m.message % m.message_args}")
)PY";

}  // namespace

std::string system_python() {
    if (const char* env = std::getenv("TTL_EXPORT_PYTHON"); env != nullptr && *env != '\0') return env;
    std::error_code ec;
    return fs::exists("/usr/bin/python3", ec) ? "/usr/bin/python3" : "python3";
}

PythonCheck check_python(const std::string& name, const std::string& text) {
    return check_python(name, std::function<std::string()>([&text] { return text; }));
}

std::string python_check_input(const std::string& text, bool lint) {
    return (lint ? "lint\n" : "compile\n") + text;
}

namespace {

std::vector<std::string> check_command(const std::string& name) {
    return {system_python(), "-I", "-S", "-c", kScript, name};
}

ProcessOptions check_options(const std::function<std::string()>& text) {
    ProcessOptions options;
    options.timeout_seconds = 60;
    options.input = text;
    return options;
}

/// The check from what its interpreter printed (see kScript); `lint`: it was asked to look for
/// undefined names.
PythonCheck read_check(const ProcessResult& r, bool lint) {
    PythonCheck out;
    if (!r.ok()) {
        out.note = r.started ? "the Python check did not finish: " + r.output : "no Python to check with: " + r.error;
        return out;
    }
    out.ran = true;
    out.pyflakes = lint;
    std::istringstream lines(r.output);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("N\t", 0) == 0) {
            out.pyflakes = false;
            out.note = line.substr(2);
            continue;
        }
        if (line.size() < 2 || (line[0] != 'E' && line[0] != 'U') || line[1] != '\t') continue;
        PythonProblem p;
        p.syntax = line[0] == 'E';
        size_t a = line.find('\t', 2);
        size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
        if (b == std::string::npos) continue;
        p.line = static_cast<uint32_t>(std::strtoul(line.c_str() + 2, nullptr, 10));
        p.column = static_cast<uint32_t>(std::strtoul(line.c_str() + a + 1, nullptr, 10));
        p.message = line.substr(b + 1);
        if (p.syntax) out.pyflakes = false;
        out.problems.push_back(std::move(p));
    }
    return out;
}

/// The check of what `input` gives, by `started` when it is a running check, else by an
/// interpreter started now.
PythonCheck run_check(const std::string& name, const std::optional<StartedProcess>& started,
                      const std::function<PythonCheckInput()>& input) {
    bool lint = false;
    ProcessOptions options = check_options([&] {
        PythonCheckInput given = input();
        lint = given.lint;
        return python_check_input(given.text, given.lint);
    });
    ProcessResult r = started ? finish_process(*started, options) : run_process(check_command(name), options);
    return read_check(r, lint);
}

/// A check take_over_python_check found (guarded: PendingPythonCheck may be made on any thread).
std::mutex taken_mutex;
std::optional<std::pair<std::string, StartedProcess>> taken;  // name, child

std::optional<StartedProcess> take_started(const std::string& name) {
    std::lock_guard<std::mutex> lock(taken_mutex);
    if (!taken || taken->first != name) return std::nullopt;
    StartedProcess child = taken->second;
    taken.reset();
    return child;
}

}  // namespace

void start_python_check_early(const std::string& name) {
    if (std::getenv(kPythonCheckVariable) != nullptr) return;  // one already
    ProcessOptions options = check_options([] { return std::string(); });
    StartedProcess child = start_process(check_command(name), options, /*survive_exec=*/true);
    if (child.pid < 0) return;
    std::string where =
        std::to_string(child.pid) + ":" + std::to_string(child.input) + ":" + std::to_string(child.output) + ":" + name;
    setenv(kPythonCheckVariable, where.c_str(), 1);
}

void take_over_python_check() {
    const char* value = std::getenv(kPythonCheckVariable);
    if (value == nullptr) return;
    std::string where = value;
    unsetenv(kPythonCheckVariable);  // never passed on to a child
    StartedProcess child;
    size_t a = where.find(':'), b = a == std::string::npos ? a : where.find(':', a + 1),
           c = b == std::string::npos ? b : where.find(':', b + 1);
    if (c == std::string::npos) return;
    char* end = nullptr;
    child.pid = static_cast<int>(std::strtol(where.c_str(), &end, 10));
    child.input = static_cast<int>(std::strtol(where.c_str() + a + 1, &end, 10));
    child.output = static_cast<int>(std::strtol(where.c_str() + b + 1, &end, 10));
    // Ours only if it is a running child of this process and both pipes are open here.
    if (child.pid <= 0 || child.input < 0 || child.output < 0) return;
    int status = 0;
    pid_t ended = waitpid(child.pid, &status, WNOHANG);
    if (ended == child.pid) {  // ours, but it stopped already: its pipes are ours to close
        close(child.input);
        close(child.output);
        return;
    }
    if (ended != 0 || fcntl(child.input, F_GETFD) < 0 || fcntl(child.output, F_GETFD) < 0) return;
    fcntl(child.input, F_SETFD, FD_CLOEXEC);
    fcntl(child.output, F_SETFD, FD_CLOEXEC);
    std::lock_guard<std::mutex> lock(taken_mutex);
    taken.emplace(where.substr(c + 1), child);
}

PendingPythonCheck::PendingPythonCheck(std::string name) {
    std::optional<StartedProcess> started = take_started(name);
    result_ = std::async(std::launch::async,
                         [name = std::move(name), started, text = text_.get_future()]() mutable -> PythonCheck {
                             return run_check(name, started, [&text] { return text.get(); });
                         });
}

PendingPythonCheck::~PendingPythonCheck() {
    give("", false);
}

void PendingPythonCheck::give(const std::string& text, bool lint) {
    if (given_) return;
    given_ = true;
    text_.set_value(PythonCheckInput{text, lint});
}

PythonCheck PendingPythonCheck::get() {
    give("", false);  // nothing to wait for otherwise
    return result_.get();
}

PythonCheck check_python(const std::string& name, const std::function<std::string()>& text) {
    return run_check(name, std::nullopt, [&text] { return PythonCheckInput{text(), true}; });
}

}  // namespace ttl
