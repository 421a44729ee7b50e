#pragma once
/// Paths and sample data shared by the usage-classification tests.
#include <cstdint>
#include <string>
#include <vector>

namespace statshost::usage::test {

/// The shipped COUNTER robots list and MDC machine list under conf/data.
std::string shippedRobotsList();
std::string shippedMachinesList();
/// Debian package files; empty when not installed.
std::string installedGeoipV4();
std::string installedGeoipV6();
std::string installedIsoCodes();

/// Realistic browser user agents that no shipped robot or machine pattern matches.
const std::vector<std::string>& browserAgents();

/// Epoch microseconds of a UTC date-time (strict "YYYY-MM-DDTHH:MM:SS").
std::int64_t utcMicros(const std::string& text);

/// Milliseconds elapsed since `startNanos` (a steadyNanos() value).
double elapsedMillis(std::int64_t startNanos);
std::int64_t steadyNanos();
/// Process CPU time in milliseconds (all threads), for measurements on a busy machine.
double cpuMillis();

/// Writes `content` to `path` (binary), failing the test on error.
void writeFile(const std::string& path, const std::string& content);

}  // namespace statshost::usage::test
