#include "LeaderboardAnswer.h"

#include <cmath>

namespace statshost::dashboard {

namespace {

void writeString(rapidjson::Writer<rapidjson::StringBuffer>& w, const std::string& text) {
    w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void writeDayOrNull(rapidjson::Writer<rapidjson::StringBuffer>& w, const std::string& day) {
    if (day.empty()) w.Null();
    else writeString(w, day);
}

void writeVolume(rapidjson::Writer<rapidjson::StringBuffer>& w, double value) {
    if (std::floor(value) == value && std::fabs(value) < 9e15) w.Int64(static_cast<std::int64_t>(value));
    else w.Double(value);
}

}  // namespace

void writeUsage(rapidjson::Writer<rapidjson::StringBuffer>& w, const UsageNumbers& n) {
    w.StartObject();
    w.Key("views"), w.Int64(n.views);
    w.Key("unique_views"), w.Int64(n.uniqueViews);
    w.Key("downloads"), w.Int64(n.downloads);
    w.Key("unique_downloads"), w.Int64(n.uniqueDownloads);
    w.Key("data_volume"), writeVolume(w, n.dataVolume);
    w.EndObject();
}

LeaderboardAnswer::LeaderboardAnswer(Leaderboard board, const LeaderboardParams& params, const std::string& communityId,
                                     const std::string& start, const std::string& end) {
    _w.StartObject();
    _w.Key("query"), _w.String(leaderboardName(board));
    _w.Key("params");
    _w.StartObject();
    _w.Key("community_id"), writeString(_w, communityId);
    _w.Key("start_date"), writeDayOrNull(_w, params.range.startDate);
    _w.Key("end_date"), writeDayOrNull(_w, params.range.endDate);
    _w.Key("metric"), writeString(_w, params.metric);
    if (board == Leaderboard::Records) _w.Key("level"), _w.String(params.parentLevel ? "parent" : "version");
    _w.Key("size"), _w.Int(params.size);
    _w.EndObject();
    _w.Key("period");
    _w.StartObject();
    _w.Key("start"), writeDayOrNull(_w, start);
    _w.Key("end"), writeDayOrNull(_w, end);
    _w.EndObject();
    _w.Key("entries");
    _w.StartArray();
}

void LeaderboardAnswer::beginEntry() {
    _w.StartObject();
    _w.Key("rank"), _w.Int64(++_rank);
}

void LeaderboardAnswer::field(const char* key, const std::string& value) { _w.Key(key), writeString(_w, value); }
void LeaderboardAnswer::field(const char* key, std::int64_t value) { _w.Key(key), _w.Int64(value); }
void LeaderboardAnswer::field(const char* key, bool value) { _w.Key(key), _w.Bool(value); }
void LeaderboardAnswer::volume(const char* key, double value) { _w.Key(key), writeVolume(_w, value); }
void LeaderboardAnswer::nullField(const char* key) { _w.Key(key), _w.Null(); }

void LeaderboardAnswer::usage(const UsageNumbers& n) {
    field("views", n.views);
    field("unique_views", n.uniqueViews);
    field("downloads", n.downloads);
    field("unique_downloads", n.uniqueDownloads);
    volume("data_volume", n.dataVolume);
}

std::string LeaderboardAnswer::finish() {
    _w.EndArray();
    _w.EndObject();
    return std::string(_buffer.GetString(), _buffer.GetSize());
}

}  // namespace statshost::dashboard
