#include <gtest/gtest.h>

#include "support/md5.h"

namespace ttl {
namespace {

// RFC 1321's test suite.
TEST(Md5, RfcVectors) {
    EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(md5_hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
    EXPECT_EQ(md5_hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
    EXPECT_EQ(md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890"),
              "57edf4a22be3c955ac49da2e2107b67a");
    EXPECT_EQ(md5_hex(std::string_view("a\0b", 3)), "70350f6027bce3713f6b76473084309b");
}

}  // namespace
}  // namespace ttl
