// The package format in one place: the tables run_kernel.py defines for each kernel and the
// records EXPORT.md keeps. The writers (write/runner_writer, write/report_writer) spell them
// with these names and renderers; `check`, `--force` (write/output_dir) and the tests read them
// back with these readers, into the same RunnerModel the exporter wrote them from.
#pragma once

#include <cstdint>
#include <map>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "read/py_model.h"
#include "read/runner_model.h"
#include "read/thread_role.h"

namespace ttl::package {

// ---- the package's files besides its kernels (kernel_file below)
inline constexpr const char* kRunnerFile = "run_kernel.py";  ///< the standalone runner
inline constexpr const char* kReportFile = "EXPORT.md";  ///< the records (read back by read_export_md)
inline constexpr const char* kPageFile = "EXPORT.html";  ///< the side-by-side page (optional)

// ---- run_kernel.py: per kernel, `<PREFIX>_<TABLE> = ...` with PREFIX the kernel's name in capitals
inline constexpr std::string_view kGrid = "GRID";  ///< (columns, rows)
inline constexpr std::string_view kTensors = "TENSORS";  ///< ["lhs", ...], parameter order
inline constexpr std::string_view kNumCbIndices = "NUM_CB_INDICES";  ///< N
inline constexpr std::string_view kCircularBuffers = "CIRCULAR_BUFFERS";  ///< see CbRow
inline constexpr std::string_view kThreads = "THREADS";  ///< see ThreadRow
/// A CIRCULAR_BUFFERS row: (name, index, ttnn.<dtype>, page size, total size).
inline constexpr size_t kCbRowSize = 5;
/// A THREADS row: (role, kernel file relative to kernels/, [tensor names passed as common runtime args]).
inline constexpr size_t kThreadRowSize = 3;

std::string prefix_of(std::string_view kernel);
/// Where a thread's kernel goes in the package: `kernels/<role>.cpp`, or with several kernels in
/// the program `kernels/<kernel>/<role>.cpp`.
std::string kernel_file(std::string_view kernel, ThreadRole role, bool several_kernels);
std::string table_name(std::string_view prefix, std::string_view table);

/// One kernel's tables, read back.
struct PackageKernel {
    std::string name;  ///< the kernel, lower case
    std::string prefix;  ///< as the tables spell it
    /// grid, cbs (index, dtype, page and total size, line; `present` for each row), kernels (role,
    /// path = the file as the row names it, line) and tensor_indices. num_tensors = tensors.size().
    RunnerModel runner;
    std::vector<std::string> tensors;  ///< parameter names, in order
    std::vector<std::string> cb_names;  ///< parallel to runner.cbs ("" where no row describes it)
    uint32_t grid_line = 0;
};

/// A row the reader could not take: where, what, and how to fix it.
struct TableProblem {
    uint32_t line = 0;
    std::string message;
    std::string fix;
};

/// Every kernel whose `<PREFIX>_THREADS` table the module assigns, in name order.
std::vector<PackageKernel> read_tables(const PyModule& module, std::vector<TableProblem>& problems);

/// How many circular buffers the kernel at `kernel_path` has, by its runner: an emitted runner's
/// CB_CONFIGS, or the package's table for the kernel whose file it is (a package's only kernel
/// when the path says nothing). Adds an error and returns nothing when the runner does not say.
std::optional<int> circular_buffer_count(const std::string& runner_path, const std::string& kernel_path,
                                         Diagnostics& diagnostics);

// ---- EXPORT.md
inline constexpr std::string_view kTitle = "# Export of ";
inline constexpr std::string_view kExportedBy = "Exported by ttl-export ";
inline constexpr std::string_view kPackageFiles = "## Package files";

std::string source_read_record(std::string_view path);  ///< "Source read: `P`."
std::string runner_read_record(std::string_view path, std::string_view format);  ///< "Runner read: `P` (F format)."
/// "Options: `--style tt-lang` `--no-constants`." (the options that change the kernels' text; only
/// written when there are some, so that `report` exports again as the export did).
std::string options_record(const std::vector<std::string>& flags);
std::string kernel_heading(std::string_view kernel);  ///< "## Kernel `K`"
std::string grid_request(int columns, int rows);  ///< " (the source asks for grid=(C, R))"
/// A row of the kernel table: | kernel | thread | role | `package file` | `compiler output` | `md5` |
std::string kernel_row(std::string_view kernel, std::string_view thread, std::string_view role, std::string_view file,
                       std::string_view emitted, std::string_view md5);

struct EmittedFile {
    std::string path;  ///< the compiler's output the package file was made from
    std::string md5;
};

/// What EXPORT.md records, read back.
struct ExportRecords {
    bool ours = false;  ///< the title and the "Exported by ttl-export" line are there
    std::string source_path;
    std::map<std::string, std::string> runner_of;  ///< kernel -> the compiler's runner read
    std::map<std::string, std::pair<int, int>> grid_of;  ///< kernel -> the grid the source asks for
    std::map<std::string, EmittedFile> emitted;  ///< package file -> compiler output
    /// The "Package files" list; for packages written before it existed, the kernel table's
    /// files and the two top-level files. Empty when neither is there.
    std::vector<std::string> package_files;
    bool has_package_files_section = false;
    std::vector<std::string> options;  ///< the Options record's flags as written, e.g. "--style tt-lang"
};

ExportRecords read_export_md(std::string_view text);

/// Where a path EXPORT.md records is now: as given if absolute, else from the current directory
/// (relative paths are from where export ran).
std::filesystem::path recorded_path(const std::string& path);

/// A kernel read from a captured compiler log is named, and recorded, `LOG:LINE` (the line its
/// C++ starts on): log_section_path makes that name, log_section_record splits a recorded path of
/// that form whose LOG is a file (nullopt for anything else, such as a kernel file itself).
struct LogSectionRecord {
    std::string log;  ///< as recorded
    uint32_t line = 0;
};
std::string log_section_path(const std::string& log, uint32_t line);
std::optional<LogSectionRecord> log_section_record(const std::string& recorded);

/// The compiler's output a package file was made from (a file, or a captured log's section), if
/// it is still there with the MD5 EXPORT.md recorded; nullptr when it is gone or changed.
std::shared_ptr<const SourceFile> read_recorded_emission(const EmittedFile& emitted);

}  // namespace ttl::package
