#include "app/Args.h"

#include <algorithm>

namespace statshost::app {

namespace {
const OptionSpec* find(const std::vector<OptionSpec>& specs, const std::string& name) {
    for (const auto& s : specs)
        if (s.name == name) return &s;
    return nullptr;
}
}  // namespace

ParsedArgs parseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
                     std::size_t maxPositional) {
    ParsedArgs out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            out.positional.insert(out.positional.end(), args.begin() + i + 1, args.end());
            break;
        }
        if (a.rfind("--", 0) != 0 || a.size() == 2) {
            if (a.size() > 1 && a[0] == '-' && a != "-") throw UsageError("unknown option '" + a + "'");
            out.positional.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        bool inlineValue = false;
        auto eq = name.find('=');
        if (eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inlineValue = true;
        }
        if (name == "help") {
            out.values["help"] = {"true"};
            continue;
        }
        const OptionSpec* spec = find(specs, name);
        if (!spec) throw UsageError("unknown option '--" + name + "'");
        if (spec->valueName.empty()) {
            if (inlineValue) throw UsageError("option '--" + name + "' takes no value");
            value = "true";
        } else if (!inlineValue) {
            if (i + 1 >= args.size()) throw UsageError("option '--" + name + "' needs a value (" + spec->valueName + ")");
            value = args[++i];
        }
        auto& slot = out.values[name];
        if (!slot.empty() && !spec->repeatable) throw UsageError("option '--" + name + "' given more than once");
        slot.push_back(value);
    }
    if (!out.flag("help") && out.positional.size() > maxPositional)
        throw UsageError("unexpected argument '" + out.positional[maxPositional] + "'");
    return out;
}

std::string describeOptions(const std::vector<OptionSpec>& specs) {
    std::vector<std::pair<std::string, std::string>> rows;
    std::size_t width = 0;
    for (const auto& s : specs) {
        std::string left = "  --" + s.name + (s.valueName.empty() ? "" : " " + s.valueName);
        width = std::max(width, left.size());
        rows.emplace_back(left, s.help + (s.repeatable ? " (repeatable)" : ""));
    }
    rows.emplace_back("  --help", "show this help");
    width = std::max(width, std::size_t(8));
    std::string out;
    for (const auto& [l, r] : rows) out += l + std::string(width + 2 - l.size(), ' ') + r + "\n";
    return out;
}

}  // namespace statshost::app
