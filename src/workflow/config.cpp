#include "workflow/config.h"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "support/file_io.h"

namespace fs = std::filesystem;

namespace ttl::workflow {

Config default_config() {
    Config c;
    c.commands = {
        {"run", {"run-test.sh", "{file}"}},
        {"run_emit", {"run-test.sh", "--emit-runner", "{file}"}},
        {"copy_in", {"copy-file.sh", "{file}", "{dest_dir}"}},
        {"copy_out", {"limactl", "copy", "{vm}:{remote}", "{local_dir}/"}},
        {"read_log", {"limactl", "shell", "{vm}", "--", "cat", "{log}"}},
        {"local_python", {"python3", "{file}"}},
    };
    c.source = "built-in defaults";
    return c;
}

namespace {

std::string where(const std::string& name, const toml::node& node) {
    const toml::source_region& s = node.source();
    return fmt::format("{}:{}:{}", name, s.begin.line, s.begin.column);
}

}  // namespace

std::optional<Config> parse_config(const std::string& text, const std::string& name, std::string& error) {
    Config c = default_config();
    c.source = name;
    toml::table root;
    try {
        root = toml::parse(text, name);
    } catch (const toml::parse_error& e) {
        error =
            fmt::format("{}:{}:{}: error: {}", name, e.source().begin.line, e.source().begin.column, e.description());
        return std::nullopt;
    }
    for (const auto& [key, node] : root) {
        if (key != "vm" && key != "commands") {
            error = fmt::format("{}: error: unknown section '{}' (expected [vm] or [commands])", where(name, node),
                                key.str());
            return std::nullopt;
        }
        if (!node.is_table()) {
            error = fmt::format("{}: error: '{}' must be a table", where(name, node), key.str());
            return std::nullopt;
        }
    }
    if (const toml::table* vm = root["vm"].as_table()) {
        for (const auto& [key, node] : *vm) {
            std::string k(key.str());
            if (k == "timeout") {
                std::optional<double> v = node.value<double>();
                if (!v || *v <= 0) {
                    error =
                        fmt::format("{}: error: vm.timeout must be a positive number of seconds", where(name, node));
                    return std::nullopt;
                }
                c.timeout_seconds = *v;
                continue;
            }
            std::optional<std::string> v = node.value<std::string>();
            if (!v) {
                error = fmt::format("{}: error: vm.{} must be a string", where(name, node), k);
                return std::nullopt;
            }
            if (k == "name") {
                c.vm = *v;
            } else if (k == "log") {
                c.log = *v;
            } else if (k == "emit_dir") {
                c.emit_dir = *v;
            } else {
                error = fmt::format("{}: error: unknown key vm.{} (expected name, log, emit_dir, timeout)",
                                    where(name, node), k);
                return std::nullopt;
            }
        }
    }
    if (const toml::table* commands = root["commands"].as_table()) {
        for (const auto& [key, node] : *commands) {
            std::string k(key.str());
            if (!c.commands.count(k)) {
                error = fmt::format(
                    "{}: error: unknown command '{}' (expected run, run_emit, copy_in, copy_out, read_log, "
                    "local_python)",
                    where(name, node), k);
                return std::nullopt;
            }
            const toml::array* array = node.as_array();
            Template t;
            if (array != nullptr) {
                for (const toml::node& element : *array) {
                    std::optional<std::string> s = element.value<std::string>();
                    if (!s) {
                        array = nullptr;
                        break;
                    }
                    t.push_back(*s);
                }
            }
            if (array == nullptr || t.empty()) {
                error = fmt::format(
                    "{}: error: commands.{} must be a non-empty list of strings, e.g. [\"run-test.sh\", "
                    "\"{{file}}\"]",
                    where(name, node), k);
                return std::nullopt;
            }
            c.commands[k] = t;
        }
    }
    return c;
}

std::optional<Config> read_config(const std::string& path, std::string& error) {
    std::string why;
    std::optional<std::string> text = read_file_bytes(path, why);
    if (!text) {
        error = fmt::format("{}: error: cannot read: {} (the workflow config)", path, why);
        return std::nullopt;
    }
    return parse_config(*text, path, error);
}

std::string find_config(const std::string& explicit_path) {
    if (!explicit_path.empty()) return explicit_path;
    std::error_code ec;
    if (fs::is_regular_file("ttl-export.toml", ec)) return "ttl-export.toml";
    fs::path dir;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) {
        dir = x;
    } else if (const char* h = std::getenv("HOME"); h && *h) {
        dir = fs::path(h) / ".config";
    }
    if (!dir.empty() && fs::is_regular_file(dir / "ttl-export" / "ttl-export.toml", ec)) {
        return (dir / "ttl-export" / "ttl-export.toml").string();
    }
    return "";
}

std::vector<std::string> expand(const Template& command, const std::map<std::string, std::string>& values,
                                std::string& error) {
    std::vector<std::string> out;
    for (const std::string& arg : command) {
        std::string result;
        bool only_placeholder = false;
        bool empty_value = false;
        size_t i = 0;
        while (i < arg.size()) {
            size_t open = arg.find('{', i);
            if (open == std::string::npos) {
                result += arg.substr(i);
                break;
            }
            size_t close = arg.find('}', open);
            if (close == std::string::npos) {
                result += arg.substr(i);
                break;
            }
            result += arg.substr(i, open - i);
            std::string name = arg.substr(open + 1, close - open - 1);
            auto it = values.find(name);
            if (it == values.end()) {
                error = fmt::format("unknown placeholder '{{{}}}' in command '{}'", name, fmt::join(command, " "));
                return {};
            }
            result += it->second;
            only_placeholder = open == 0 && close == arg.size() - 1;
            empty_value = it->second.empty();
            i = close + 1;
        }
        if (only_placeholder && empty_value) continue;
        out.push_back(result);
    }
    return out;
}

}  // namespace ttl::workflow
