// How the command-line tool asks the C library for memory. glibc reads its malloc settings once,
// at start, from GLIBC_TUNABLES; a program can only change them by running itself again.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace ttl {

/// The variable that tells a re-run what GLIBC_TUNABLES was before ttl-export added to it:
/// "+VALUE", or "-" when it was not set.
constexpr const char* kTunablesVariable = "TTL_EXPORT_TUNABLES";

/// True when `from` (a directory, or a file whose directory is meant) holds at least `bytes` of
/// `.cpp` files directly inside it. False when it cannot be read: the caller then keeps to the
/// default.
bool holds_cpp_bytes(const std::string& from, uintmax_t bytes);

/// Runs this program again, in place (the same process, arguments and environment), with
/// glibc's heap advised to use transparent huge pages (`glibc.malloc.hugetlb=1` added to
/// GLIBC_TUNABLES): one fault then backs 2 MB instead of 4 KB. A large export touches about 50
/// bytes of fresh memory per byte of input, and on a virtual machine the first touch of a 4 KB
/// page can cost more than the work done in it. Returns only when it did not run again: this
/// process already is such a run, the setting is already there, it is not glibc on Linux, or
/// the exec failed (the export then runs as it is).
/// `before_exec` runs just before the exec, when there is one (the export starts its Python
/// check there, for the new run to take over: support/python_check.h).
void rerun_with_huge_pages(char** argv, const std::function<void()>& before_exec = {});

/// Called first in main: in a run started by rerun_with_huge_pages, puts GLIBC_TUNABLES back as
/// the user had it, so that the programs ttl-export starts (Python, clang-format, a compiler) run
/// in the user's environment. Nothing otherwise.
void restore_tunables();

/// Called in main after restore_tunables, before anything large is allocated: large blocks from
/// the heap rather than each from a fresh mapping, and freed memory kept for the next (a big
/// export then touches fewer new pages). When glibc's heap is on huge pages (this run was
/// started by rerun_with_huge_pages, or the user's GLIBC_TUNABLES asked for
/// `glibc.malloc.hugetlb=1`), the heap is also made ready for them: see docs/write.md. glibc
/// only; nothing in a sanitized build (TTL_SANITIZED: the sanitizer's allocator replaces glibc's).
void configure_heap();

/// Whether the heap was made ready for huge pages by configure_heap (what the tests look at).
bool heap_ready_for_huge_pages();

}  // namespace ttl
