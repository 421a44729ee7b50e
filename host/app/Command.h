#pragma once
/// A CLI command: its name, help texts, options and the function that runs it.
#include <functional>
#include <string>
#include <vector>

#include "app/AppSession.h"
#include "app/Args.h"

namespace statshost::app {

struct Command {
    std::string name;
    std::string summary;      ///< one line, for `statshost --help`
    std::string usage;        ///< e.g. "statshost init"
    std::string description;  ///< paragraph(s) for `statshost <command> --help`
    std::vector<OptionSpec> options;
    std::size_t maxPositional = 0;
    /// Returns the exit code (0 success, 1 failure); throws UsageError / ConfigError for exit 2.
    std::function<int(AppSession&, const ParsedArgs&)> run;
};

/// Every command, in the order `statshost --help` lists them.
const std::vector<Command>& commands();

/// Each command group contributes its commands here (defined in its own file).
void addAdminCommands(std::vector<Command>& out);   // init, status, destroy-indices, token-hash
void addServeCommand(std::vector<Command>& out);    // serve
void addDataCommands(std::vector<Command>& out);    // import ops|records, community-events generate|status
void addDemoCommand(std::vector<Command>& out);     // demo generate
void addEventsCommands(std::vector<Command>& out);  // import events, events status
void addAggregateCommands(std::vector<Command>& out);  // aggregate, read, clear-bookmarks

}  // namespace statshost::app
