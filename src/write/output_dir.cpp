// The output directory: checks before anything is read, an exclusive temporary directory, an
// atomic swap, and removal of what we wrote file by file (never a recursive delete).
#include "write/output_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "read/package_format.h"
#include "support/file_io.h"
#include "support/parallel.h"
#include "support/signal_cleanup.h"

namespace fs = std::filesystem;

namespace ttl {

namespace {

constexpr const char* kTempPrefix = ".ttl-export-tmp-";
constexpr size_t kListedUnknown = 10;  // unknown files named in a refusal; the rest are counted

Diagnostic error_at(const std::string& file, std::string message) {
    return make_file_diagnostic(Severity::kError, file, std::move(message));
}

/// A relative path inside the package: no root, no `..`, no `.` components, not empty.
bool safe_relative(const std::string& rel) {
    if (rel.empty() || rel.front() == '/') return false;
    for (const auto& part : fs::path(rel)) {
        if (part == ".." || part == "." || part.empty()) return false;
    }
    return true;
}

/// Everything below `dir` (not following links): files as relative paths, directories apart.
struct Tree {
    std::vector<std::string> files;  ///< regular files
    std::vector<std::string> dirs;  ///< directories
    std::vector<std::string> other;  ///< links, devices, FIFOs, sockets
    std::string error;  ///< a directory that could not be listed
};

Tree list_tree(const fs::path& dir) {
    Tree tree;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::string rel = it->path().lexically_relative(dir).generic_string();
        fs::file_status st = it->symlink_status(ec);
        if (ec) break;
        if (fs::is_directory(st)) {
            tree.dirs.push_back(rel);
        } else if (fs::is_regular_file(st)) {
            tree.files.push_back(rel);
        } else {
            tree.other.push_back(rel);
        }
    }
    if (ec) tree.error = ec.message();
    std::sort(tree.files.begin(), tree.files.end());
    std::sort(tree.dirs.begin(), tree.dirs.end());
    std::sort(tree.other.begin(), tree.other.end());
    return tree;
}

/// The parent directories of package files: `kernels`, `kernels/add`, ...
std::set<std::string> parent_dirs(const std::vector<std::string>& files) {
    std::set<std::string> dirs;
    for (const std::string& f : files) {
        for (fs::path p = fs::path(f).parent_path(); !p.empty(); p = p.parent_path()) dirs.insert(p.generic_string());
    }
    return dirs;
}

/// What in `tree` is not one of `listed` (or a directory that holds one).
std::vector<std::string> unknown_entries(const Tree& tree, const std::vector<std::string>& listed) {
    std::set<std::string> files(listed.begin(), listed.end());
    std::set<std::string> dirs = parent_dirs(listed);
    std::vector<std::string> unknown;
    for (const std::string& f : tree.files)
        if (files.count(f) == 0) unknown.push_back(f);
    for (const std::string& d : tree.dirs)
        if (dirs.count(d) == 0) unknown.push_back(d + "/");
    for (const std::string& o : tree.other) unknown.push_back(o + " (not a regular file)");
    std::sort(unknown.begin(), unknown.end());
    return unknown;
}

std::string name_some(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size() && i < kListedUnknown; ++i) out += (i ? ", '" : "'") + names[i] + "'";
    if (names.size() > kListedUnknown) out += fmt::format(" and {} more", names.size() - kListedUnknown);
    return out;
}

/// Removes the listed files of a package of ours, then its directories deepest first, then the
/// directory itself. Never recursive: whatever else is there stays. Returns "" or what is left.
std::string remove_package_files(const fs::path& dir, const std::vector<std::string>& files) {
    // Side by side: a large package's removal is mostly the kernel dropping its files' pages.
    parallel_for(files.size(), [&](size_t i) {
        std::error_code ignored;  // what cannot be removed shows as a directory that is not empty
        fs::remove(dir / files[i], ignored);
    });
    std::error_code ec;
    std::set<std::string> dirs = parent_dirs(files);
    std::vector<std::string> deepest_first(dirs.rbegin(), dirs.rend());
    for (const std::string& d : deepest_first) fs::remove(dir / d, ec);  // only removes an empty directory
    if (!fs::remove(dir, ec) || ec) {
        return ec ? ec.message() : "it is not empty";
    }
    return "";
}

/// Whether `inner` is `outer` or lies below it (both canonical).
bool is_within(const fs::path& inner, const fs::path& outer) {
    auto [end, _] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
    return end == outer.end();
}

/// A process that may still own a temporary directory named after its PID.
bool process_alive(pid_t pid) {
    return pid == getpid() || kill(pid, 0) == 0 || errno == EPERM;
}

bool is_package_file(const std::string& rel) {
    if (rel == package::kReportFile || rel == package::kPageFile || rel == package::kRunnerFile) return true;
    return rel.rfind("kernels/", 0) == 0 && rel.size() > 4 && rel.compare(rel.size() - 4, 4, ".cpp") == 0 &&
           safe_relative(rel);
}

/// A new file (never one that exists, never through a link), open for writing.
int open_new_file(const std::string& path) {
    return open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
}

size_t size_of(const std::vector<std::string_view>& parts) {
    size_t size = 0;
    for (std::string_view part : parts) size += part.size();
    return size;
}

/// Writes bytes [begin, end) of the file made of `parts` at their offsets.
bool write_range(int fd, const std::vector<std::string_view>& parts, size_t begin, size_t end) {
    size_t at = 0;  // where the current part starts in the file
    for (std::string_view part : parts) {
        size_t b = std::max(begin, at);
        size_t e = std::min(end, at + part.size());
        while (b < e) {
            ssize_t n = pwrite(fd, part.data() + (b - at), e - b, static_cast<off_t>(b));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            b += static_cast<size_t>(n);
        }
        at += part.size();
        if (at >= end) break;
    }
    return true;
}

/// A new file's bytes are written in slices of at most this many, each on its own, so that
/// a large file (the page of a large program: 9.6 MB) is written by every core.
constexpr size_t kSliceBytes = size_t{2} << 20;

/// Writes each file (`paths[i]` gets `files[i]`), side by side, as new files (never over one);
/// returns per file 0 or the errno that stopped it. A file `skip` marks is not written.
std::vector<int> write_new_files(const std::vector<std::string>& paths, const std::vector<PackageFile>& files,
                                 const std::vector<int>& skip) {
    std::vector<int> failed = skip;
    std::vector<int> fds(files.size(), -1);
    struct Slice {
        size_t file, begin, end;
    };
    std::vector<Slice> slices;
    for (size_t i = 0; i < files.size(); ++i) {
        if (failed[i] != 0) continue;
        fds[i] = open_new_file(paths[i]);
        if (fds[i] < 0) {
            failed[i] = errno != 0 ? errno : EIO;
            continue;
        }
        size_t size = size_of(files[i].parts);
        for (size_t b = 0; b < size; b += kSliceBytes) slices.push_back(Slice{i, b, std::min(size, b + kSliceBytes)});
    }
    std::vector<std::atomic<int>> slice_failed(files.size());
    parallel_for(slices.size(), [&](size_t k) {
        const Slice& s = slices[k];
        if (!write_range(fds[s.file], files[s.file].parts, s.begin, s.end)) {
            int zero = 0;
            slice_failed[s.file].compare_exchange_strong(zero, errno != 0 ? errno : EIO);
        }
    });
    for (size_t i = 0; i < files.size(); ++i) {
        if (fds[i] < 0) continue;
        if (failed[i] == 0) failed[i] = slice_failed[i].load();
        if (close(fds[i]) != 0 && failed[i] == 0) failed[i] = errno != 0 ? errno : EIO;
    }
    return failed;
}

/// A new file holding `parts` one after the other; false (errno set) when it cannot be written.
bool write_file(const fs::path& path, const std::vector<std::string_view>& parts) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    int fd = open_new_file(path.string());
    if (fd < 0) return false;
    if (!write_range(fd, parts, 0, size_of(parts))) {
        int e = errno;
        close(fd);
        errno = e;
        return false;
    }
    return close(fd) == 0;
}

}  // namespace

bool replace_package_file(const std::string& dir, const std::string& name, const std::string& text,
                          Diagnostics& diagnostics) {
    fs::path target = fs::path(dir) / name;
    fs::path temp = fs::path(dir) / fmt::format(".{}.ttl-export-{}.tmp", name, getpid());
    std::error_code ec;
    if (!write_file(temp, {text})) {
        diagnostics.add(
            error_at(target.string(), fmt::format("cannot write it: {} (nothing was changed)", std::strerror(errno))));
        fs::remove(temp, ec);
        return false;
    }
    fs::rename(temp, target, ec);
    if (ec) {
        diagnostics.add(error_at(target.string(), "cannot replace it: " + ec.message()));
        fs::remove(temp, ec);
        return false;
    }
    return true;
}

std::optional<std::vector<std::string>> listed_package_files(const std::string& md) {
    package::ExportRecords records = package::read_export_md(md);
    if (!records.ours) return std::nullopt;
    std::vector<std::string> files = records.package_files;
    if (!records.has_package_files_section && files.empty()) files = {package::kReportFile, package::kRunnerFile};
    for (const std::string& f : files) {
        if (!safe_relative(f)) return std::nullopt;  // a hand-made list that points outside
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

std::optional<OutputPlan> plan_output(const std::string& out, bool force, const std::vector<std::string>& inputs,
                                      Diagnostics& diagnostics) {
    OutputPlan plan;
    plan.shown = out;
    while (plan.shown.size() > 1 && plan.shown.back() == '/') plan.shown.pop_back();
    if (plan.shown.empty()) {
        diagnostics.add(error_at("", "the output directory ('-o') is empty: expected a directory name"));
        return std::nullopt;
    }
    std::error_code ec;
    fs::path target = fs::absolute(plan.shown, ec).lexically_normal();
    if (ec) {
        diagnostics.add(error_at(plan.shown, "cannot resolve the output path: " + ec.message()));
        return std::nullopt;
    }
    while (target.has_relative_path() && target.filename().empty()) target = target.parent_path();
    plan.target = target.string();
    const std::string& shown = plan.shown;

    struct stat st {};
    if (lstat(target.c_str(), &st) != 0) {
        if (errno == ENOENT) return plan;  // nothing there: created at the end
        diagnostics.add(error_at(shown, fmt::format("cannot check the output path: {}", std::strerror(errno))));
        return std::nullopt;
    }
    if (S_ISLNK(st.st_mode)) {
        diagnostics.add(error_at(shown,
                                 "the output path is a symbolic link; ttl-export never replaces one "
                                 "(nothing was written)"));
        return std::nullopt;
    }
    if (!S_ISDIR(st.st_mode)) {
        diagnostics.add(error_at(shown,
                                 "the output path is a file, not a directory; ttl-export never replaces a "
                                 "file (nothing was written)"));
        return std::nullopt;
    }
    fs::path real = fs::canonical(target, ec);
    if (ec) real = target;
    std::vector<std::pair<std::string, std::string>> protected_paths;
    protected_paths.emplace_back("/", "the root directory");
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        protected_paths.emplace_back(home, "your home directory ($HOME)");
    }
    protected_paths.emplace_back(fs::current_path(ec).string(), "the current directory");
    for (const std::string& in : inputs) {
        if (!in.empty()) protected_paths.emplace_back(in, "an input of this export");
    }
    for (const auto& [path, what] : protected_paths) {
        std::error_code pec;
        fs::path p = fs::weakly_canonical(fs::absolute(path, pec), pec);
        if (pec) continue;
        if (is_within(p, real)) {
            std::string relation = p == real ? "is" : fmt::format("contains '{}',", path);
            diagnostics.add(error_at(shown, fmt::format("refusing to use this output directory: it {} {}; choose "
                                                        "a new directory for the package (nothing was written)",
                                                        relation, what)));
            return std::nullopt;
        }
    }
    if (!force) {
        diagnostics.add(error_at(shown,
                                 "the output directory already exists; pass '--force' to replace it "
                                 "(nothing was written)"));
        return std::nullopt;
    }
    Tree tree = list_tree(target);
    if (!tree.error.empty()) {
        diagnostics.add(error_at(shown, fmt::format("refusing to replace the output directory: cannot list "
                                                    "everything in it ({}); nothing was touched",
                                                    tree.error)));
        return std::nullopt;
    }
    plan.replace = true;
    if (tree.files.empty() && tree.dirs.empty() && tree.other.empty()) return plan;  // an empty directory
    std::optional<std::vector<std::string>> listed;
    std::string md_path = (target / package::kReportFile).string();
    if (std::find(tree.files.begin(), tree.files.end(), package::kReportFile) != tree.files.end()) {
        // Read at its size at once: a large export's EXPORT.md is megabytes (a stream grown
        // piece by piece copied it several times: most of the check's time).
        std::string why;
        if (std::optional<std::string> text = read_file_bytes(md_path, why)) listed = listed_package_files(*text);
    }
    if (!listed) {
        std::vector<std::string> all = tree.files;
        for (const std::string& d : tree.dirs) all.push_back(d + "/");
        all.insert(all.end(), tree.other.begin(), tree.other.end());
        std::sort(all.begin(), all.end());
        diagnostics.add(error_at(shown, fmt::format("refusing to replace the output directory: it is not a package "
                                                    "ttl-export wrote (no EXPORT.md of ours); it holds {}; '--force' "
                                                    "replaces only an earlier export or an empty directory (nothing "
                                                    "was touched)",
                                                    name_some(all))));
        return std::nullopt;
    }
    std::vector<std::string> unknown = unknown_entries(tree, *listed);
    if (!unknown.empty()) {
        diagnostics.add(error_at(shown, fmt::format("refusing to replace the output directory: besides the package "
                                                    "ttl-export wrote it holds {} that its EXPORT.md does not list; "
                                                    "move {} out first (nothing was touched)",
                                                    name_some(unknown), unknown.size() == 1 ? "it" : "them")));
        return std::nullopt;
    }
    plan.old_files = tree.files;
    return plan;
}

std::vector<std::string> remove_stale_temporaries(const std::string& dir, Diagnostics& diagnostics) {
    std::vector<std::string> removed;
    std::error_code ec;
    std::vector<fs::path> stale;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.rfind(kTempPrefix, 0) != 0) continue;
        long pid = std::strtol(name.c_str() + std::strlen(kTempPrefix), nullptr, 10);
        if (pid <= 0 || process_alive(static_cast<pid_t>(pid))) continue;
        std::error_code sec;
        if (!fs::is_directory(it->symlink_status(sec))) continue;
        stale.push_back(it->path());
    }
    std::sort(stale.begin(), stale.end());
    for (const fs::path& p : stale) {
        Tree tree = list_tree(p);
        bool ours = tree.error.empty() && tree.other.empty() &&
                    std::all_of(tree.files.begin(), tree.files.end(), is_package_file);
        std::set<std::string> dirs = parent_dirs(tree.files);
        ours = ours && std::all_of(tree.dirs.begin(), tree.dirs.end(),
                                   [&](const std::string& d) { return dirs.count(d) > 0 || d == "kernels"; });
        std::string left = ours ? remove_package_files(p, tree.files) : "it holds files that are not a package's";
        if (ours && left.empty()) {
            removed.push_back(p.string());
            diagnostics.add(make_file_diagnostic(Severity::kNote, p.string(),
                                                 "removed a temporary directory left by an interrupted export"));
        } else {
            diagnostics.add(make_file_diagnostic(Severity::kWarning, p.string(),
                                                 fmt::format("a temporary directory left by an interrupted export "
                                                             "was kept ({}); remove it by hand",
                                                             left)));
        }
    }
    return removed;
}

bool install_package(const OutputPlan& plan, const std::vector<PackageFile>& files, Diagnostics& diagnostics) {
    fs::path target(plan.target);
    fs::path parent = target.parent_path();
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) {
        diagnostics.add(
            error_at(plan.shown, fmt::format("cannot create the directory '{}': {}", parent.string(), ec.message())));
        return false;
    }
    remove_stale_temporaries(parent.string(), diagnostics);
    std::string pattern = (parent / fmt::format("{}{}-XXXXXX", kTempPrefix, getpid())).string();
    if (mkdtemp(pattern.data()) == nullptr) {
        diagnostics.add(error_at(plan.shown, fmt::format("cannot create a temporary directory in '{}': {}",
                                                         parent.string(), std::strerror(errno))));
        return false;
    }
    fs::path temp(pattern);
    mode_t mask = umask(0);  // mkdtemp makes 0700; a package is as readable as any new directory
    umask(mask);
    chmod(temp.c_str(), 0777 & ~mask);
    std::vector<std::string> rel;
    std::vector<std::string> paths;
    for (const PackageFile& f : files) {
        rel.push_back(f.name);
        paths.push_back((temp / f.name).string());
    }
    std::set<std::string> dirs = parent_dirs(rel);
    std::vector<std::string> dir_paths;
    for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) dir_paths.push_back((temp / *it).string());
    dir_paths.push_back(temp.string());
    SignalCleanup cleanup(paths, dir_paths);
    auto discard = [&] { remove_package_files(temp, rel); };
    // The files are written side by side, in slices (copying megabytes into the page cache is
    // most of an install), into folders made first; the first that fails, in package order, is
    // reported.
    std::vector<int> unsafe(files.size(), 0);
    for (size_t i = 0; i < files.size(); ++i) {
        if (!safe_relative(files[i].name)) {
            unsafe[i] = EINVAL;  // never a path outside the package
            continue;
        }
        std::error_code dec;
        fs::create_directories((temp / files[i].name).parent_path(), dec);
    }
    std::vector<int> failed = write_new_files(paths, files, unsafe);  // per file: 0, or an errno
    for (size_t i = 0; i < files.size(); ++i) {
        if (failed[i] == 0) continue;
        diagnostics.add(error_at((temp / files[i].name).string(),
                                 fmt::format("cannot write the file: {}", std::strerror(failed[i]))));
        discard();
        return false;
    }
    if (!plan.replace) {
        if (renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) return true;
        int e = errno;
        struct stat st {};
        if ((e == EINVAL || e == ENOSYS) && lstat(target.c_str(), &st) != 0 && errno == ENOENT &&
            rename(temp.c_str(), target.c_str()) == 0) {
            return true;  // a file system without RENAME_NOREPLACE: checked just before
        }
        discard();
        diagnostics.add(error_at(
            plan.shown, e == EEXIST ? "the output directory appeared while the package was "
                                      "being written; nothing was replaced"
                                    : fmt::format("cannot create the output directory: {}", std::strerror(e))));
        return false;
    }
    if (renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
        int e = errno;
        discard();
        diagnostics.add(error_at(plan.shown, fmt::format("cannot replace the output directory atomically: {}; "
                                                         "nothing was replaced",
                                                         std::strerror(e))));
        return false;
    }
    // `temp` now holds the old package. Anything that appeared in it since the check is put back.
    Tree old = list_tree(temp);
    std::vector<std::string> unknown = unknown_entries(old, plan.old_files);
    if (!old.error.empty() || !unknown.empty()) {
        renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE);
        discard();
        diagnostics.add(error_at(plan.shown, fmt::format("files appeared in the output directory during the export "
                                                         "({}); it was left as it is",
                                                         unknown.empty() ? old.error : name_some(unknown))));
        return false;
    }
    std::string left = remove_package_files(temp, plan.old_files);
    if (!left.empty()) {
        diagnostics.add(make_file_diagnostic(Severity::kWarning, temp.string(),
                                             fmt::format("the replaced package could not be removed completely "
                                                         "({}); remove it by hand",
                                                         left)));
    }
    return true;
}

}  // namespace ttl
