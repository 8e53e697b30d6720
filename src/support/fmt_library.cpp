// The fmt library's compiled part, built into our programs from Debian's fmt headers instead of
// loaded from libfmt.so: with libstdc++ and libgcc linked into ttl-export as well
// (CMakeLists.txt), starting ttl-export loads no C++ library, about 3 ms less per start on the
// 2-core VM (a large export starts twice: support/memory.h). format-inl.h holds the definitions
// that format.h declares; the templates it declares `extern` are instantiated here for the
// character types fmt's own library provides.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

template auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template auto thousands_sep_impl<wchar_t>(locale_ref) -> thousands_sep_result<wchar_t>;
template auto decimal_point_impl(locale_ref) -> char;
template auto decimal_point_impl(locale_ref) -> wchar_t;

}  // namespace detail
FMT_END_NAMESPACE
