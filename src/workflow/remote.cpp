#include "workflow/remote.h"

#include <cstdlib>

#include <fmt/format.h>

namespace ttl::workflow {

namespace {

std::string user_name() {
    const char* u = std::getenv("USER");
    return u && *u ? u : "user";
}

}  // namespace

const Step& Remote::run(const std::string& name, std::map<std::string, std::string> values, const std::string& what) {
    values.emplace("vm", config_.vm);
    values.emplace("log", config_.log);
    values.emplace("user", user_name());
    Step step;
    step.what = what;
    std::string error;
    auto it = config_.commands.find(name);
    if (it == config_.commands.end()) {
        step.result.error = fmt::format("no command '{}' is configured", name);
    } else {
        step.argv = expand(it->second, values, error);
        if (!error.empty()) {
            step.result.error = error + " (" + config_.source + ")";
        } else {
            ProcessOptions options;
            options.timeout_seconds = config_.timeout_seconds;
            step.result = run_process(step.argv, options);
            if (!step.result.started) {
                step.result.error += fmt::format(" (the '{}' command comes from {})", name, config_.source);
            }
        }
    }
    steps_.push_back(std::move(step));
    return steps_.back();
}

std::string Remote::transcript_text() const {
    std::string out;
    for (const Step& s : steps_) {
        std::string status = !s.result.started    ? "could not start"
                             : s.result.timed_out ? fmt::format("timed out after {:.0f} s", config_.timeout_seconds)
                                                  : fmt::format("exit {}", s.result.exit_code);
        out += fmt::format("$ {}  -> {} ({:.1f} s)\n", describe_command(s.argv), status, s.result.seconds);
    }
    return out;
}

std::string tail_lines(const std::string& text, size_t lines) {
    size_t start = text.size();
    size_t count = 0;
    while (start > 0 && count <= lines) {
        size_t nl = text.rfind('\n', start - 1);
        if (nl == std::string::npos) {
            start = 0;
            break;
        }
        if (nl + 1 < text.size() || count > 0) ++count;
        if (count > lines) {
            start = nl + 1;
            break;
        }
        start = nl;
    }
    std::string tail = text.substr(start);
    size_t traceback = tail.find("Traceback");
    if (traceback != std::string::npos) tail = tail.substr(traceback);
    while (!tail.empty() && tail.front() == '\n') tail.erase(tail.begin());
    return tail;
}

std::string Remote::failure(const Step& step, size_t lines) {
    std::string why;
    if (!step.result.started) {
        why = step.result.error;
    } else if (step.result.timed_out) {
        why = fmt::format("'{}' timed out after {:.0f} s", describe_command(step.argv), step.result.seconds);
    } else {
        why = fmt::format("'{}' exited with status {}", describe_command(step.argv), step.result.exit_code);
    }
    std::string out = fmt::format("could not {}: {}", step.what, why);
    std::string tail = tail_lines(step.result.output, lines);
    if (!tail.empty()) out += "\n" + tail;
    return out;
}

}  // namespace ttl::workflow
