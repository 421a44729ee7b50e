#pragma once
// Writes a statshost.yaml / stats.yaml / dashboard.yaml triple into a temp folder for config tests.
#include <fstream>
#include <string>

#include "support/TestEnv.h"

namespace statshost::test {

struct ConfigFiles {
    TempDir dir;
    std::string main = "server:\n  port: 5000\n";
    std::string stats = "COMMUNITY_STATS_ENABLED: true\n";
    std::string dashboard = "STATS_DASHBOARD_ENABLED_GLOBAL: true\n";

    std::string write() const {
        std::ofstream(dir.file("statshost.yaml")) << main;
        std::ofstream(dir.file("stats.yaml")) << stats;
        std::ofstream(dir.file("dashboard.yaml")) << dashboard;
        return dir.file("statshost.yaml");
    }
};

}  // namespace statshost::test
