#include "usage/classify/ClassifierConfig.h"

namespace statshost::usage {

ClassifierConfig ClassifierConfig::forDataDir(const std::string& dataDir) {
    ClassifierConfig config;
    std::string dir = dataDir.empty() ? "." : dataDir;
    if (dir.back() != '/') dir += '/';
    config.robotsList = dir + "COUNTER_Robots_list.json";
    config.machinesList = dir + "mdc_machine_agents.txt";
    return config;
}

Classifiers loadClassifiers(const ClassifierConfig& config) {
    RobotMatcher robots = RobotMatcher::fromFile(config.robotsList, config.agentCacheEntries);
    MachineMatcher machines = MachineMatcher::fromFile(config.machinesList, config.agentCacheEntries);
    CountryLookup countries = config.mmdb.empty() ? CountryLookup::fromRangeFiles(config.geoipV4, config.geoipV6)
                                                  : CountryLookup::fromMmdb(config.mmdb);
    CountryNames names = CountryNames::fromFile(config.isoCodes);
    return Classifiers{std::move(robots), std::move(machines), std::move(countries), std::move(names)};
}

}  // namespace statshost::usage
