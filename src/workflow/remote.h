// Stage "workflow": running the configured commands, each with a timeout, keeping what each
// printed for the report.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "support/process.h"
#include "workflow/config.h"

namespace ttl::workflow {

struct Step {
    std::string what;  ///< "run the program in the VM", ...
    std::vector<std::string> argv;  ///< the command as run
    ProcessResult result;
};

class Remote {
public:
    explicit Remote(Config config) : config_(std::move(config)) {}

    /// Runs command `name` (a key of Config::commands) with the placeholders given plus vm,
    /// log, user. The step is kept in the transcript whatever happens.
    const Step& run(const std::string& name, std::map<std::string, std::string> values, const std::string& what);

    const Config& config() const { return config_; }
    const std::deque<Step>& transcript() const { return steps_; }

    /// One line per step: `$ COMMAND  -> exit 0 (1.2 s)`.
    std::string transcript_text() const;
    /// Why a step failed, with the last lines it printed.
    static std::string failure(const Step& step, size_t lines = 30);

private:
    Config config_;
    std::deque<Step> steps_;  // a deque: references to earlier steps stay valid
};

/// The last `lines` lines of a text (from a Traceback when one starts within them).
std::string tail_lines(const std::string& text, size_t lines);

}  // namespace ttl::workflow
