// The system Python's check of a runner: the text given at once or after the interpreter started.
#include "support/python_check.h"

#include <gtest/gtest.h>

namespace ttl {
namespace {

TEST(PythonCheck, FindsASyntaxErrorAndAnUndefinedName) {
    PythonCheck bad = check_python("run_kernel.py", std::string("x = (\n"));
    ASSERT_TRUE(bad.ran) << bad.note;
    ASSERT_EQ(bad.problems.size(), 1U);
    EXPECT_TRUE(bad.problems[0].syntax);
    EXPECT_EQ(bad.problems[0].line, 1U);

    PythonCheck undefined = check_python("run_kernel.py", std::string("import os\nprint(os.sep, missing_name)\n"));
    ASSERT_TRUE(undefined.ran) << undefined.note;
    ASSERT_TRUE(undefined.pyflakes) << undefined.note;  // scripts/deps installs python3-pyflakes
    ASSERT_EQ(undefined.problems.size(), 1U);
    EXPECT_FALSE(undefined.problems[0].syntax);
    EXPECT_EQ(undefined.problems[0].line, 2U);
    EXPECT_NE(undefined.problems[0].message.find("missing_name"), std::string::npos);
}

TEST(PythonCheck, APendingCheckReadsTheTextGivenLater) {
    PendingPythonCheck pending("run_kernel.py");
    pending.give("def main():\n    return undefined_here\n");
    PythonCheck r = pending.get();
    ASSERT_TRUE(r.ran) << r.note;
    ASSERT_EQ(r.problems.size(), 1U);
    EXPECT_EQ(r.problems[0].line, 2U);
    EXPECT_NE(r.problems[0].message.find("undefined_here"), std::string::npos);
}

TEST(PythonCheck, APendingCheckNeverGivenATextChecksAnEmptyFile) {
    // An export that stops before its runner is written: get() and the destructor do not wait
    // for a text that never comes.
    {
        PendingPythonCheck abandoned("run_kernel.py");
    }
    PendingPythonCheck asked("run_kernel.py");
    PythonCheck r = asked.get();
    EXPECT_TRUE(r.ran) << r.note;
    EXPECT_TRUE(r.problems.empty());
}

}  // namespace
}  // namespace ttl
