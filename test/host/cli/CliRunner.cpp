#include "CliRunner.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/TemporaryFile.h>

namespace statshost::test {

namespace {

std::string binary() { return std::string(STATSHOST_BUILD_DIR) + "/bin/statshost"; }

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// fork + exec with stdin/stdout/stderr redirected to files; returns the pid.
int spawn(const std::vector<std::string>& args, const std::string& cwd, const std::map<std::string, std::string>& env,
          const std::string& in, const std::string& out, const std::string& err) {
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
        freopen(in.c_str(), "r", stdin);
        freopen(out.c_str(), "w", stdout);
        freopen(err.c_str(), "w", stderr);
        for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
        std::vector<char*> argv;
        std::string bin = binary();
        argv.push_back(bin.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(bin.c_str(), argv.data());
        _exit(127);
    }
    return pid;
}

int waitFor(int pid, int timeoutMs) {
    for (int waited = 0; waited <= timeoutMs; waited += 10) {
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
}

}  // namespace

CliResult runStatshost(const std::vector<std::string>& args, const std::string& cwd,
                       const std::map<std::string, std::string>& env, const std::string& stdinText) {
    Poco::TemporaryFile in, out, err;
    std::ofstream(in.path()) << stdinText;
    int pid = spawn(args, cwd, env, in.path(), out.path(), err.path());
    CliResult r;
    r.exitCode = waitFor(pid, 60000);
    if (r.exitCode == -1) {
        kill(pid, SIGKILL);
        waitFor(pid, 5000);
    }
    r.out = slurp(out.path());
    r.err = slurp(err.path());
    return r;
}

int startStatshost(const std::vector<std::string>& args) {
    return spawn(args, "", {}, "/dev/null", "/dev/null", "/dev/null");
}

void killHard(int pid) {
    kill(pid, SIGKILL);
    waitFor(pid, 10000);
}

int waitStatshost(int pid, int timeoutMs) { return waitFor(pid, timeoutMs); }

ServeProcess::ServeProcess(const std::vector<std::string>& globalArgs, const std::string& cwd) {
    _logFile = Poco::TemporaryFile::tempName();
    std::vector<std::string> args = globalArgs;
    args.insert(args.end(), {"serve", "--port", "0"});
    _pid = spawn(args, cwd, {}, "/dev/null", "/dev/null", _logFile);
    const std::regex listening(R"(listening on http://127\.0\.0\.1:([0-9]+))");
    for (int i = 0; i < 1000 && _port == 0; ++i) {
        std::smatch m;
        std::string text = slurp(_logFile);
        if (std::regex_search(text, m, listening)) _port = std::stoi(m[1]);
        int status = 0;
        if (_port == 0 && waitpid(_pid, &status, WNOHANG) == _pid) {
            _pid = -1;
            throw std::runtime_error("statshost serve exited early: " + text);
        }
        if (_port == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (_port == 0) throw std::runtime_error("statshost serve did not report its port: " + slurp(_logFile));
}

ServeProcess::~ServeProcess() {
    if (_pid > 0) {
        kill(_pid, SIGKILL);
        waitFor(_pid, 5000);
    }
    std::remove(_logFile.c_str());
}

int ServeProcess::terminate() {
    if (_pid <= 0) return -1;
    kill(_pid, SIGTERM);
    int rc = waitFor(_pid, 10000);
    if (rc != -1) _pid = -1;
    return rc;
}

std::string ServeProcess::log() const { return slurp(_logFile); }

std::pair<int, std::string> httpRequest(int port, const std::string& method, const std::string& path,
                                        const std::string& body, const std::string& token) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!token.empty()) req.set("Authorization", "Bearer " + token);
    if (!body.empty()) req.setContentType("application/json");
    if (!body.empty() || method != "GET") req.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(req) << body;
    Poco::Net::HTTPResponse res;
    std::string text;
    Poco::StreamCopier::copyToString(session.receiveResponse(res), text);
    return {res.getStatus(), text};
}

}  // namespace statshost::test
