#pragma once
/// Runs the real build/bin/statshost as a child process for end-to-end CLI tests.
#include <map>
#include <string>
#include <vector>

namespace statshost::test {

struct CliResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs statshost with `args` (working directory `cwd`, extra environment `env`) and waits.
CliResult runStatshost(const std::vector<std::string>& args, const std::string& cwd,
                       const std::map<std::string, std::string>& env = {}, const std::string& stdinText = "");

/// Starts statshost with `args` in the background (output to files in $TMPDIR); returns its pid.
int startStatshost(const std::vector<std::string>& args);
/// SIGKILLs a child started by startStatshost and reaps it.
void killHard(int pid);
/// Waits for a child started by startStatshost; returns its exit code (-1 after `timeoutMs`).
int waitStatshost(int pid, int timeoutMs);

/// A `statshost serve` child on 127.0.0.1 and a free port; the destructor terminates it.
class ServeProcess {
public:
    ServeProcess(const std::vector<std::string>& globalArgs, const std::string& cwd);
    ~ServeProcess();
    int port() const { return _port; }
    /// Sends SIGTERM and returns the exit code (or -1 if it did not exit within 10 s).
    int terminate();
    /// Everything the server wrote to standard error so far.
    std::string log() const;

private:
    int _pid = -1;
    int _port = 0;
    std::string _logFile;
};

/// A request to the local server (a non-empty body is sent as application/json; a non-empty `token` as
/// a bearer token); returns status and body.
std::pair<int, std::string> httpRequest(int port, const std::string& method, const std::string& path,
                                        const std::string& body = "", const std::string& token = "");

}  // namespace statshost::test
