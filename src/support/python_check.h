// Whether a Python file can run at all: compiled by the system Python (a late `from __future__`,
// a syntax error) and, where pyflakes is installed (Debian's python3-pyflakes), its undefined
// names. Used by `check` (findings) and by export (a runner that does not compile is never
// written).
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <string>
#include <vector>

namespace ttl {

struct PythonProblem {
    uint32_t line = 0;
    uint32_t column = 0;
    bool syntax = false;  ///< a syntax error (else an undefined name)
    std::string message;
};

struct PythonCheck {
    bool ran = false;  ///< false: no Python to run (note says so)
    bool pyflakes = false;  ///< undefined names were looked for
    std::string note;  ///< why something was not checked
    std::vector<PythonProblem> problems;
};

/// The interpreter: $TTL_EXPORT_PYTHON, else /usr/bin/python3 (Debian's, with python3-pyflakes
/// and python3-torch), else python3 on PATH.
std::string system_python();

/// Checks `text` (shown as `name`), which the interpreter reads on its stdin: compiled, and its
/// undefined names looked for.
PythonCheck check_python(const std::string& name, const std::string& text);
/// The same, with the text asked for once the interpreter has started (it may wait for it).
PythonCheck check_python(const std::string& name, const std::function<std::string()>& text);

/// The variable through which a check started before this program runs itself again in place
/// (start_python_check_early) reaches the new run: "PID:STDIN:OUTPUT:NAME".
constexpr const char* kPythonCheckVariable = "TTL_EXPORT_PYTHON_CHECK";

/// Starts the check of the file `name` now, before this program runs itself again in place
/// (support/memory.h): the interpreter then starts on a core the exec leaves idle, and the new
/// run takes it over (take_over_python_check). Its pipes stay open across the exec; nothing is
/// started when it cannot be.
void start_python_check_early(const std::string& name);
/// Takes over a check kPythonCheckVariable names, if it is a running child of this process (its
/// pipes then close on any later exec); removes the variable either way. Called before this run
/// starts any other program. The next PendingPythonCheck of the same name uses it instead of
/// starting an interpreter.
void take_over_python_check();

/// The text to check, and whether to look for undefined names (else only compile).
struct PythonCheckInput {
    std::string text;
    bool lint = true;
};

/// What the check's interpreter reads on its stdin: a mode line (`lint`: compile and look for
/// undefined names; `compile`: only compile), then the text.
std::string python_check_input(const std::string& text, bool lint);

/// A check started before its text exists: the interpreter starts and loads its modules (tens of
/// milliseconds) while the caller works; `give` hands it the text, `get` waits for the result.
/// Destroyed without a text, it gives an empty one, so that it never waits for Python for long.
class PendingPythonCheck {
public:
    explicit PendingPythonCheck(std::string name);
    ~PendingPythonCheck();
    PendingPythonCheck(const PendingPythonCheck&) = delete;
    PendingPythonCheck& operator=(const PendingPythonCheck&) = delete;
    /// `lint`: look for undefined names too (pyflakes, about half of the check's time), else only compile.
    void give(const std::string& text, bool lint = true);
    PythonCheck get();

private:
    std::promise<PythonCheckInput> text_;
    bool given_ = false;
    std::future<PythonCheck> result_;  // last: destroyed (waited for) after the text is given
};

}  // namespace ttl
