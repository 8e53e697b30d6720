// libFuzzer target for the whole export path, on the bundled examples with one file mutated.
// An input is two selector bytes and a file: byte 0 picks the example (in name order), byte 1
// the file to replace (the source, then the files of `emitted/` in name order), the rest is that
// file's new text. Properties checked on every input:
//  - the export never crashes, hangs or trips a sanitizer, and a failure says why (an error);
//  - a failed export leaves the previous package exactly as it was, and no temporary directory;
//  - a successful export writes exactly the files its summary lists.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "write/export.h"

namespace fs = std::filesystem;

namespace {

struct Example {
    fs::path dir;  ///< a private copy
    fs::path source;
    std::vector<fs::path> files;     ///< the source, then emitted/*, sorted
    std::vector<std::string> texts;  ///< their original contents
};

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

/// Every file below `dir` with its contents.
std::map<std::string, std::string> tree(const fs::path& dir) {
    std::map<std::string, std::string> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file())
            out[it->path().lexically_relative(dir).string()] = read(it->path());
    }
    return out;
}

fs::path g_work;
std::vector<Example> g_examples;

void set_up() {
    std::string pattern = (fs::temp_directory_path() / "ttl-export-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    g_work = pattern;
    // The work folder is ours (made by mkdtemp above, named ttl-export-fuzz-*): removed at exit.
    std::atexit([] {
        std::error_code ec;
        if (g_work.filename().string().rfind("ttl-export-fuzz-", 0) == 0)
            fs::remove_all(g_work, ec);
    });
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(fs::path(TTL_SOURCE_DIR) / "examples"))
        dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path& d : dirs) {
        Example ex;
        ex.dir = g_work / d.filename();
        fs::copy(d, ex.dir, fs::copy_options::recursive);
        for (const auto& f : fs::directory_iterator(ex.dir)) {
            if (f.path().extension() == ".py") ex.source = f.path();
        }
        ex.files.push_back(ex.source);
        std::vector<fs::path> emitted;
        for (const auto& f : fs::directory_iterator(ex.dir / "emitted"))
            emitted.push_back(f.path());
        std::sort(emitted.begin(), emitted.end());
        ex.files.insert(ex.files.end(), emitted.begin(), emitted.end());
        for (const fs::path& f : ex.files)
            ex.texts.push_back(read(f));
        g_examples.push_back(std::move(ex));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2 || size > (1U << 18)) return -1;
    if (g_examples.empty()) set_up();
    Example& ex = g_examples[data[0] % g_examples.size()];
    size_t which = data[1] % ex.files.size();
    write(ex.files[which], std::string(reinterpret_cast<const char*>(data + 2), size - 2));

    fs::path out = ex.dir / "out";
    std::map<std::string, std::string> before = tree(out);
    ttl::ExportOptions options;
    options.source = ex.source.string();
    options.from = (ex.dir / "emitted").string();
    options.out = out.string();
    options.force = true;
    ttl::Diagnostics diagnostics;
    auto summary = ttl::run_export(options, diagnostics);
    (void)diagnostics.render_all();
    if (!summary) {
        if (!diagnostics.has_errors()) __builtin_trap();  // a failure must say why
        if (tree(out) != before) __builtin_trap();        // and leave the old package alone
    } else {
        std::map<std::string, std::string> after = tree(out);
        if (after.size() != summary->files.size()) __builtin_trap();
        for (const std::string& f : summary->files) {
            if (after.count(f) == 0) __builtin_trap();
        }
    }
    for (const auto& e : fs::directory_iterator(ex.dir)) {
        if (e.path().filename().string().rfind(".ttl-export-tmp-", 0) == 0) __builtin_trap();
    }
    write(ex.files[which], ex.texts[which]);
    return 0;
}
