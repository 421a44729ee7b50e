#pragma once
/// Writing a leaderboard answer: {"query", "params", "period", "entries": [...]} (LeaderboardService.h).
#include <string>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "LeaderboardParams.h"
#include "LeaderboardSources.h"

namespace statshost::dashboard {

class LeaderboardAnswer {
public:
    /// Starts the answer: query, params echo (community resolved to `communityId`) and period
    /// (`start`/`end`; empty = null), then opens `entries`.
    LeaderboardAnswer(Leaderboard board, const LeaderboardParams& params, const std::string& communityId,
                      const std::string& start, const std::string& end);

    /// Opens the next entry object with its 1-based `rank`; close it with endEntry().
    void beginEntry();
    void endEntry() { _w.EndObject(); }
    void field(const char* key, const std::string& value);
    void field(const char* key, std::int64_t value);
    void field(const char* key, bool value);
    /// A byte count: written as an integer when whole.
    void volume(const char* key, double value);
    void nullField(const char* key);
    /// The five usage numbers (views, unique_views, downloads, unique_downloads, data_volume).
    void usage(const UsageNumbers& numbers);

    /// Closes the answer and returns its text.
    std::string finish();

private:
    rapidjson::StringBuffer _buffer;
    rapidjson::Writer<rapidjson::StringBuffer> _w{_buffer};
    std::int64_t _rank = 0;
};

/// The five usage numbers as a JSON object (the record stats endpoint).
void writeUsage(rapidjson::Writer<rapidjson::StringBuffer>& w, const UsageNumbers& numbers);

}  // namespace statshost::dashboard
