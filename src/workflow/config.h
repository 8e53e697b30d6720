// Stage "workflow": the commands that reach the user's simulator VM (or device), as templates
// from ttl-export.toml. Each is an argument vector with {placeholders}; nothing goes through a
// shell, so file names cannot inject commands.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ttl::workflow {

using Template = std::vector<std::string>;

struct Config {
    std::string vm = "ttsim";
    std::string log = "/tmp/ttlang_test_output.log";
    std::string emit_dir = "/tmp/{user}";
    double timeout_seconds = 900;
    std::map<std::string, Template> commands;  ///< run, run_emit, copy_in, copy_out, read_log, local_python
    std::string source;  ///< the file it came from ("built-in defaults" when none)
};

/// The built-in defaults (the same as config/ttl-export.toml).
Config default_config();

/// Reads a config file over the defaults; errors name the file, line and key.
std::optional<Config> read_config(const std::string& path, std::string& error);
std::optional<Config> parse_config(const std::string& text, const std::string& name, std::string& error);

/// The config file to use: `explicit_path`, else ./ttl-export.toml, else
/// $XDG_CONFIG_HOME/ttl-export/ttl-export.toml (~/.config/...), else none ("").
std::string find_config(const std::string& explicit_path);

/// Replaces {placeholders}; an argument that is exactly one placeholder with an empty value is
/// dropped. Unknown placeholders are an error (`error` set, empty result).
std::vector<std::string> expand(const Template& command, const std::map<std::string, std::string>& values,
                                std::string& error);

}  // namespace ttl::workflow
