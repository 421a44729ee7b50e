#pragma once
/// A small command-line parser for `statshost <command> [options] [args]`: `--name value`,
/// `--name=value`, flags, repeatable options, positional arguments, and generated help text.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace statshost::app {

/// Bad command-line usage; the CLI prints it with the command's usage line and exits 2.
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& m) : std::runtime_error(m) {}
};

struct OptionSpec {
    std::string name;       ///< without dashes, e.g. "community-id"
    std::string valueName;  ///< empty for a flag
    std::string help;
    bool repeatable = false;
};

struct ParsedArgs {
    std::map<std::string, std::vector<std::string>> values;  ///< flags map to {"true"}
    std::vector<std::string> positional;

    bool flag(const std::string& name) const { return values.count(name) > 0; }
    std::string value(const std::string& name, const std::string& dflt = "") const {
        auto it = values.find(name);
        return it == values.end() || it->second.empty() ? dflt : it->second.back();
    }
    std::vector<std::string> all(const std::string& name) const {
        auto it = values.find(name);
        return it == values.end() ? std::vector<std::string>{} : it->second;
    }
};

/// Parses `args` against `specs`; `--help` is always accepted. Throws UsageError naming the
/// offending argument. Parsing stops at `--` (the rest is positional).
ParsedArgs parseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
                     std::size_t maxPositional);

/// The options block of a help text, one aligned line per option.
std::string describeOptions(const std::vector<OptionSpec>& specs);

}  // namespace statshost::app
