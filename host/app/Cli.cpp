#include "app/Cli.h"

#include <iostream>

#include <Poco/Exception.h>

#include "app/Command.h"
#include "statshost/Errors.h"

namespace statshost::app {

namespace {

const std::vector<OptionSpec> kGlobalOptions = {
    {"config", "FILE", "statshost.yaml to use (default: $STATSHOST_CONFIG, else conf/statshost.yaml)"},
    {"db", "URL", "storage URL, overrides storage.url and STATSHOST_DB (sqlite:PATH or postgresql://...)"},
    {"log-level", "LEVEL", "error, warning, notice, information, debug or trace"},
    {"version", "", "print the version and exit"},
};

void printMainHelp(std::ostream& out) {
    out << "statshost " << STATSHOST_VERSION
        << " - statistics host for InvenioRDM-style community repositories\n\n"
           "Usage: statshost [global options] <command> [options]\n\nCommands:\n";
    std::size_t width = 0;
    for (const auto& c : commands()) width = std::max(width, c.name.size());
    for (const auto& c : commands()) out << "  " << c.name << std::string(width + 3 - c.name.size(), ' ') << c.summary << "\n";
    out << "\nGlobal options:\n" << describeOptions(kGlobalOptions)
        << "\nRun 'statshost <command> --help' for a command's options.\n"
           "Exit codes: 0 success, 1 the command failed, 2 usage or configuration error.\n";
}

void printCommandHelp(const Command& c, std::ostream& out) {
    out << "Usage: " << c.usage << "\n\n" << c.description << "\n\nOptions:\n" << describeOptions(c.options);
}

const Command* findCommand(const std::string& name) {
    for (const auto& c : commands())
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

void addCacheCommands(std::vector<Command>& out);  // cache generate|clear|info (CacheCommands.cpp)

const std::vector<Command>& commands() {
    static const std::vector<Command> all = [] {
        std::vector<Command> v;
        addServeCommand(v);
        addAdminCommands(v);
        addDataCommands(v);
        addEventsCommands(v);
        addAggregateCommands(v);
        addDemoCommand(v);
        addCacheCommands(v);
        return v;
    }();
    return all;
}

int runCli(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    // Global options come before the command name.
    GlobalOptions global;
    std::size_t i = 0;
    const Command* command = nullptr;
    try {
        std::vector<std::string> globalArgs;
        while (i < args.size() && args[i].rfind("-", 0) == 0) {
            globalArgs.push_back(args[i]);
            bool takesValue = args[i] == "--config" || args[i] == "--db" || args[i] == "--log-level";
            if (takesValue && i + 1 < args.size()) globalArgs.push_back(args[++i]);
            ++i;
        }
        ParsedArgs g = parseArgs(globalArgs, kGlobalOptions, 0);
        if (g.flag("version")) {
            std::cout << "statshost " << STATSHOST_VERSION << "\n";
            return 0;
        }
        if (g.flag("help") || i >= args.size()) {
            printMainHelp(g.flag("help") ? std::cout : std::cerr);
            return g.flag("help") ? 0 : 2;
        }
        global.configPath = g.value("config");
        global.dbUrl = g.value("db");
        global.logLevel = g.value("log-level");

        if (args[i] == "help") {
            std::string name = i + 2 < args.size() ? args[i + 1] + " " + args[i + 2] : "";
            if (!findCommand(name) && i + 1 < args.size()) name = args[i + 1];
            if (findCommand(name)) {
                printCommandHelp(*findCommand(name), std::cout);
            } else {
                printMainHelp(std::cout);
            }
            return 0;
        }
        // Two-word commands ("import ops", "community-events generate") first.
        if (i + 1 < args.size() && findCommand(args[i] + " " + args[i + 1])) {
            command = findCommand(args[i] + " " + args[i + 1]);
            ++i;
        } else {
            command = findCommand(args[i]);
        }
        if (!command) throw UsageError("unknown command '" + args[i] + "' (see 'statshost --help')");
        ParsedArgs parsed = parseArgs({args.begin() + i + 1, args.end()}, command->options, command->maxPositional);
        if (parsed.flag("help")) {
            printCommandHelp(*command, std::cout);
            return 0;
        }
        AppSession session(global);
        return command->run(session, parsed);
    } catch (const UsageError& e) {
        std::cerr << "statshost: " << e.what() << "\n";
        if (command) std::cerr << "Usage: " << command->usage << "  (see --help)\n";
        return 2;
    } catch (const ConfigError& e) {
        std::cerr << "statshost: configuration error: " << e.what() << "\n";
        return 2;
    } catch (const Poco::Exception& e) {
        std::cerr << "statshost: error: " << e.displayText() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "statshost: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace statshost::app
