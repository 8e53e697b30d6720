#include "support/md5.h"

#include <md5.h>

namespace ttl {

std::string md5_hex(std::string_view data) {
    char hex[MD5_DIGEST_STRING_LENGTH];
    MD5Data(reinterpret_cast<const uint8_t*>(data.data()), data.size(), hex);
    return std::string(hex);
}

}  // namespace ttl
