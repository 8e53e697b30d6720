// ttl-export emulator, area "dprint": debug printing (DPRINT) to standard error, one line per ENDL()
#pragma once

#include "ttl_emu/area/base.h"

#include <cstdio>
struct TtlEmuEndl {};
inline TtlEmuEndl ENDL() { return {}; }
struct TtlEmuDprint {
    const TtlEmuDprint& operator<<(const char* s) const { std::fputs(s, stderr); return *this; }
    const TtlEmuDprint& operator<<(char c) const { std::fputc(c, stderr); return *this; }
    const TtlEmuDprint& operator<<(float f) const { std::fprintf(stderr, "%g", static_cast<double>(f)); return *this; }
    const TtlEmuDprint& operator<<(double f) const { std::fprintf(stderr, "%g", f); return *this; }
    const TtlEmuDprint& operator<<(TtlEmuEndl) const { std::fputc('\n', stderr); return *this; }
    template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
    const TtlEmuDprint& operator<<(T v) const {
        std::fprintf(stderr, "%lld", static_cast<long long>(v));
        return *this;
    }
};
#define DPRINT (TtlEmuDprint{})
#define DPRINT_MATH(x) x
#define DPRINT_PACK(x) x
#define DPRINT_UNPACK(x) x
#define DPRINT_DATA0(x) x
#define DPRINT_DATA1(x) x
