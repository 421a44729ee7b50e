#include "SeriesModel.h"

#include <cmath>
#include <cstdio>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace statshost::dashboard {

const MetricSeries* SubcountSeries::metric(const std::string& metricKey) const {
    for (const auto& m : metrics)
        if (m.first == metricKey) return &m.second;
    return nullptr;
}

const SubcountSeries* Category::subcount(const std::string& key) const {
    for (const auto& s : subcounts)
        if (s.key == key) return &s;
    return nullptr;
}

std::string jsonQuote(const std::string& text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string jsonNumber(double value) {
    if (!std::isfinite(value)) return "0";
    char buf[32];
    if (value == std::floor(value) && std::fabs(value) < 9.007199254740992e15)
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(value));
    else
        std::snprintf(buf, sizeof buf, "%.17g", value);
    return buf;
}

std::string toJson(const DataSeries& s) {
    std::string out = "{\"id\":" + jsonQuote(s.id) + ",\"name\":" + s.nameJson + ",\"type\":" + jsonQuote(s.type) +
                      ",\"valueType\":" + jsonQuote(s.valueType) + ",\"data\":[";
    bool first = true;
    for (const auto& p : s.data) {
        if (!first) out += ',';
        first = false;
        out += "[\"" + p.date + "\"," + jsonNumber(p.value) + "]";
    }
    out += "]}";
    return out;
}

std::string toJson(const MetricSeries& series) {
    std::string out = "[";
    for (std::size_t i = 0; i < series.size(); ++i) out += (i ? "," : "") + toJson(series[i]);
    return out + "]";
}

std::string toJson(const Category& category) {
    std::string out = "{";
    for (std::size_t i = 0; i < category.subcounts.size(); ++i) {
        const auto& sub = category.subcounts[i];
        out += (i ? "," : "") + jsonQuote(sub.key) + ":{";
        for (std::size_t j = 0; j < sub.metrics.size(); ++j)
            out += (j ? "," : "") + jsonQuote(sub.metrics[j].first) + ":" + toJson(sub.metrics[j].second);
        out += "}";
    }
    return out + "}";
}

std::string camelCase(const std::string& snake) {
    std::string out;
    bool upper = false;
    for (char c : snake) {
        if (c == '_') {
            upper = !out.empty();
            continue;
        }
        out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    return out;
}

}  // namespace statshost::dashboard
