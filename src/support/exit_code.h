// The process exit codes of every ttl-export command, in one place.
#pragma once

namespace ttl {

enum class ExitCode : int {
    kOk = 0,  ///< success; `check`: clean; `equiv`: equivalent
    kFindings = 1,  ///< `check` found problems; `equiv`: not equivalent; a run failed
    kBadInput = 2,  ///< usage error, unreadable or malformed input, refused output
    kInternal = 4,  ///< a bug in ttl-export itself
};

inline int to_int(ExitCode code) {
    return static_cast<int>(code);
}

}  // namespace ttl
