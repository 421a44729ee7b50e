#pragma once
/// The statshost command line: `statshost [--config FILE] [--db URL] [--log-level L] <command> [options]`.
/// Exit codes: 0 success, 1 the command failed, 2 usage or configuration error.

namespace statshost::app {

int runCli(int argc, char** argv);

}  // namespace statshost::app
