// Where a package goes on disk, and the only code that ever replaces or deletes a directory.
//
// The rules (docs/write.md, README "Guarantees"):
// - without `--force` nothing is ever deleted: the package is built in a fresh temporary
//   directory beside the output and renamed into place only if the output still does not exist;
// - with `--force` the output is replaced only when it is empty or is a package that ttl-export
//   wrote and that holds nothing but the files its EXPORT.md lists; never a file, a symbolic
//   link, or a directory that is or contains the source, an input, the current directory, $HOME
//   or `/`;
// - the swap is atomic (renameat2 RENAME_EXCHANGE), the old package is re-checked after the
//   swap and removed file by file (never recursively), and an interrupted export (SIGINT,
//   SIGTERM, SIGHUP) removes its temporary directory before it dies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/diagnostic.h"

namespace ttl {

/// A checked output location.
struct OutputPlan {
    std::string shown;  ///< as the user wrote it, without trailing slashes (for messages)
    std::string target;  ///< absolute, lexically normal
    bool replace = false;  ///< the target exists (an empty directory or a package of ours)
    std::vector<std::string> old_files;  ///< the replaced package's files, relative
};

/// The package files EXPORT.md lists, or nullopt when `export_md` is not one ttl-export wrote.
std::optional<std::vector<std::string>> listed_package_files(const std::string& export_md);

/// Checks `out` before anything is read or run. `inputs` are the paths the export reads (the
/// source, `--from`, `--runner`); the current directory, $HOME and `/` are protected too.
std::optional<OutputPlan> plan_output(const std::string& out, bool force, const std::vector<std::string>& inputs,
                                      Diagnostics& diagnostics);

/// A file of a package: its path inside it and its text, as the pieces written one after the
/// other (a large page is not joined into one string first). The pieces view texts the caller
/// keeps until the install is done.
struct PackageFile {
    std::string name;
    std::vector<std::string_view> parts;
    PackageFile(std::string file_name, std::string_view text) : name(std::move(file_name)), parts{text} {}
    PackageFile(std::string file_name, std::vector<std::string_view> pieces)
        : name(std::move(file_name)), parts(std::move(pieces)) {}
};

/// Writes `files` into a fresh temporary directory beside the target and moves it into place
/// under the plan's rules. On any failure (or a signal) nothing of the new package is left
/// behind and the old one, if any, is untouched.
bool install_package(const OutputPlan& plan, const std::vector<PackageFile>& files, Diagnostics& diagnostics);

/// Replaces one top-level file of an existing package (`report`'s EXPORT.html and EXPORT.md):
/// written beside it as a new file (never through a link), then renamed over it; on failure the
/// old file stays and the new one is removed.
bool replace_package_file(const std::string& dir, const std::string& name, const std::string& text,
                          Diagnostics& diagnostics);

/// Our temporary directories (`.ttl-export-tmp-PID-XXXXXX`) left in `dir` by a process that is
/// gone: those that hold only package files are removed, others are reported. Returns the
/// paths removed.
std::vector<std::string> remove_stale_temporaries(const std::string& dir, Diagnostics& diagnostics);

}  // namespace ttl
