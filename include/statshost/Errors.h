#pragma once
/// Exception types that may cross the plugin boundary. Plugins throw only these (or std::exception);
/// the host catches everything around every plugin call and logs it with the plugin's name.
#include <stdexcept>
#include <string>

#define STATSHOST_VISIBLE __attribute__((visibility("default")))

namespace statshost {

/// Base of all statshost errors.
class STATSHOST_VISIBLE Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// A configuration value is missing, unknown or of the wrong type. `keyPath` names it,
/// e.g. "STATS_AGGREGATIONS.community-records-delta-added-agg.params.catchup".
class STATSHOST_VISIBLE ConfigError : public Error {
public:
    ConfigError(const std::string& keyPath, const std::string& problem)
        : Error(keyPath.empty() ? problem : keyPath + ": " + problem), _keyPath(keyPath), _problem(problem) {}
    const std::string& keyPath() const { return _keyPath; }
    const std::string& problem() const { return _problem; }
private:
    std::string _keyPath;
    std::string _problem;
};

/// A storage operation failed (connection, constraint, busy beyond the timeout, ...).
class STATSHOST_VISIBLE StorageError : public Error {
public:
    explicit StorageError(const std::string& message) : Error(message) {}
};

/// An error that maps onto an HTTP status; the message is shown to the client as is.
class STATSHOST_VISIBLE HttpError : public Error {
public:
    HttpError(int status, const std::string& message) : Error(message), _status(status) {}
    int status() const { return _status; }
private:
    int _status;
};

}  // namespace statshost
