#pragma once
/// The data files behind usage-event classification and a factory that loads them all.
#include <cstddef>
#include <string>

#include "usage/classify/AgentMatcher.h"
#include "usage/classify/CountryLookup.h"
#include "usage/classify/CountryNames.h"
#include "usage/classify/MachineMatcher.h"
#include "usage/classify/RobotMatcher.h"

namespace statshost::usage {

struct ClassifierConfig {
    std::string robotsList = "conf/data/COUNTER_Robots_list.json";  ///< COUNTER robots JSON
    std::string machinesList = "conf/data/mdc_machine_agents.txt";  ///< MDC machine regexes, one a line
    std::string geoipV4 = "/usr/share/tor/geoip";                   ///< tor-geoipdb IPv4 ranges; "" = none
    std::string geoipV6 = "/usr/share/tor/geoip6";                  ///< tor-geoipdb IPv6 ranges; "" = none
    std::string mmdb;  ///< MaxMind/DB-IP country .mmdb; when set it replaces the range files
    std::string isoCodes = "/usr/share/iso-codes/json/iso_3166-1.json";  ///< Debian iso-codes
    std::size_t agentCacheEntries = kDefaultAgentCacheEntries;  ///< per matcher
    /// Load the GeoIP data on the first ip lookup instead of in loadClassifiers (the files must still
    /// exist and be readable at load time; a parse error surfaces as ConfigError at first use).
    bool deferGeoip = false;

    /// The defaults with the two shipped lists taken from `dataDir` (the host's `paths.data`,
    /// e.g. "/etc/statshost/data" → "/etc/statshost/data/COUNTER_Robots_list.json").
    static ClassifierConfig forDataDir(const std::string& dataDir);
};

/// Everything classification needs, loaded once and shared read-only (all members are thread-safe).
struct Classifiers {
    RobotMatcher robots;
    MachineMatcher machines;
    CountryLookup countries;
    CountryNames countryNames;

    /// The event's country id from its ip: the lookup's code normalised by countryNames
    /// ("" when unknown, invalid, private, or not an iso-codes code).
    std::string countryOf(const std::string& ip) const { return countryNames.normalise(countries.country(ip)); }
};

/// Loads every file of `config`. Throws statshost::ConfigError whose keyPath is the failing file.
Classifiers loadClassifiers(const ClassifierConfig& config);

}  // namespace statshost::usage
