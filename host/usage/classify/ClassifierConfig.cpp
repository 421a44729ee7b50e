#include "usage/classify/ClassifierConfig.h"

#include <fstream>

#include "statshost/Errors.h"

namespace statshost::usage {

ClassifierConfig ClassifierConfig::forDataDir(const std::string& dataDir) {
    ClassifierConfig config;
    std::string dir = dataDir.empty() ? "." : dataDir;
    if (dir.back() != '/') dir += '/';
    config.robotsList = dir + "COUNTER_Robots_list.json";
    config.machinesList = dir + "mdc_machine_agents.txt";
    return config;
}

namespace {

CountryLookup loadCountries(const ClassifierConfig& config) {
    return config.mmdb.empty() ? CountryLookup::fromRangeFiles(config.geoipV4, config.geoipV6)
                               : CountryLookup::fromMmdb(config.mmdb);
}

/// A deferred load still fails at start-up when a file cannot be opened at all.
void requireReadable(const std::string& path) {
    if (path.empty()) return;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(path, "cannot open the file");
}

}  // namespace

Classifiers loadClassifiers(const ClassifierConfig& config) {
    RobotMatcher robots = RobotMatcher::fromFile(config.robotsList, config.agentCacheEntries);
    MachineMatcher machines = MachineMatcher::fromFile(config.machinesList, config.agentCacheEntries);
    CountryLookup countries = [&] {
        if (!config.deferGeoip) return loadCountries(config);
        if (config.mmdb.empty()) {
            requireReadable(config.geoipV4);
            requireReadable(config.geoipV6);
        } else {
            requireReadable(config.mmdb);
        }
        return CountryLookup::deferred([config] { return loadCountries(config); });
    }();
    CountryNames names = CountryNames::fromFile(config.isoCodes);
    return Classifiers{std::move(robots), std::move(machines), std::move(countries), std::move(names)};
}

}  // namespace statshost::usage
