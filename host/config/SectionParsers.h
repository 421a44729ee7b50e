#pragma once
/// One parser per configuration section; each reads its keys strictly (see YamlReader).
#include <string>
#include <vector>

#include "config/Config.h"
#include "config/YamlReader.h"

namespace statshost::config {

void parseServer(YamlReader reader, ServerConfig& out);
void parseStorage(YamlReader reader, StorageConfig& out);
std::vector<PluginFile> parsePlugins(YamlReader reader);
std::vector<TokenConfig> parseTokens(YamlReader& parent, const std::string& key);
void parseSchedule(YamlReader reader, ScheduleConfig& out);
/// stats.yaml: COMMUNITY_STATS_*, STATS_AGGREGATIONS, STATS_EVENTS, STATS_QUERIES, *_SERVICE_COMPONENTS.
void parseStats(YamlReader& reader, StatsConfig& out);
/// dashboard.yaml: STATS_DASHBOARD_*.
void parseDashboard(YamlReader& reader, DashboardConfig& out);
/// Every extension names a configured plugin; aggregation names are unique; and so on.
void validateReferences(const Config& config);

/// The names of the service-component chains accepted in stats.yaml.
const std::vector<std::string>& componentChainKeys();

}  // namespace statshost::config
