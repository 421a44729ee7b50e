#include "ExportModel.h"

#include <cmath>
#include <map>
#include <string_view>
#include <stdexcept>

#include <Poco/JSON/Array.h>
#include <Poco/String.h>

#include "ExportText.h"

namespace statshost::dashboard::detail {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Poco::Dynamic::Var;

/// A JSON path for error messages: results["q"]["languages"]["records"][2].data[5][0]. Built
/// as a chain of segments on the stack and turned into text only when an error is raised; a
/// segment refers to its parent and its name, which must outlive it.
class JsonPath {
public:
    static JsonPath root(std::string_view name) { return JsonPath(nullptr, Kind::Field, name, 0); }
    JsonPath key(std::string_view name) const { return JsonPath(this, Kind::Key, name, 0); }
    JsonPath field(std::string_view name) const { return JsonPath(this, Kind::Field, name, 0); }
    JsonPath index(std::size_t i) const { return JsonPath(this, Kind::Index, {}, i); }
    [[noreturn]] void fail(const std::string& problem) const { throw std::invalid_argument(text() + ": " + problem); }

private:
    enum class Kind { Key, Field, Index };
    JsonPath(const JsonPath* parent, Kind kind, std::string_view name, std::size_t index)
        : _parent(parent), _kind(kind), _name(name), _index(index) {}
    std::string text() const {
        std::string out = _parent ? _parent->text() : "";
        switch (_kind) {
            case Kind::Key:
                out += "[\"";
                for (char c : validUtf8(std::string(_name))) {
                    if (c == '"' || c == '\\') out += '\\';
                    out += c;
                }
                out += "\"]";
                break;
            case Kind::Field: out += (_parent ? "." : "") + std::string(_name); break;
            case Kind::Index: out += "[" + std::to_string(_index) + "]"; break;
        }
        return out;
    }
    const JsonPath* _parent;
    Kind _kind;
    std::string_view _name;
    std::size_t _index;
};

std::string requireString(const Var& value, const JsonPath& path) {
    if (!value.isString()) path.fail("expected a string");
    return validUtf8(value.extract<std::string>());
}

/// The array or object `value` holds (as a Ptr, as Poco's parser makes them, or by value); the
/// reference lives as long as `value` does.
const Array& requireArray(const Var& value, const JsonPath& path) {
    if (value.type() == typeid(Array::Ptr) && !value.extract<Array::Ptr>().isNull()) return *value.extract<Array::Ptr>();
    if (value.type() == typeid(Array)) return value.extract<Array>();
    path.fail("expected an array");
}

bool holdsObject(const Var& value) {
    return (value.type() == typeid(Object::Ptr) && !value.extract<Object::Ptr>().isNull()) ||
           value.type() == typeid(Object);
}

const Object& requireObject(const Var& value, const JsonPath& path) {
    if (!holdsObject(value)) path.fail("expected an object");
    return value.type() == typeid(Object) ? value.extract<Object>() : *value.extract<Object::Ptr>();
}

/// The string `field` of `object`, "" when absent or null.
std::string optionalString(const Object& object, const std::string& field, const JsonPath& path) {
    if (!object.has(field) || object.get(field).isEmpty()) return "";
    return requireString(object.get(field), path.field(field));
}

/// A label value: a string, or an object {language: text} (texts must be strings).
struct Label {
    bool present = false;
    std::string text;
    std::vector<std::pair<std::string, std::string>> translations;
};

Label readLabel(const Object& series, const std::string& field, const JsonPath& path) {
    Label label;
    if (!series.has(field) || series.get(field).isEmpty()) return label;
    const Var value = series.get(field);
    if (value.isString()) {
        label.present = true;
        label.text = validUtf8(value.extract<std::string>());
        return label;
    }
    if (!holdsObject(value)) path.field(field).fail("expected a string or an object {language: text}");
    const Object& languages = requireObject(value, path);
    for (const std::string& language : languages.getNames()) {
        label.translations.emplace_back(validUtf8(language),
                                        requireString(languages.get(language), path.field(field).key(language)));
    }
    if (label.translations.empty()) return label;
    label.present = true;
    label.text = label.translations.front().second;
    for (const auto& [language, text] : label.translations) {
        if (language == "en") label.text = text;
    }
    return label;
}

ExportPoint readPoint(const Var& item, std::optional<int> year, const JsonPath& path) {
    const Array& pair = requireArray(item, path);
    if (pair.size() != 2) path.fail("expected [date, value]");
    const Var& dateValue = *pair.begin();
    const Var& value = *(pair.begin() + 1);
    std::string dateText = requireString(dateValue, path.index(0));
    if (dateText.size() == 5) {
        if (!year) path.index(0).fail("date \"" + dateText + "\" has no year (the series has no \"year\")");
        dateText = CalendarDate{*year, 0, 0}.text().substr(0, 5) + dateText;
    }
    std::optional<CalendarDate> date = parseIsoDate(dateText);
    if (!date) path.index(0).fail("\"" + dateText + "\" is not a date (YYYY-MM-DD, or MM-DD with \"year\")");

    ExportPoint point{date->year, date->month, date->day, date->text(), 0, ""};
    if (value.isBoolean() || !value.isNumeric()) path.index(1).fail("expected a number");
    if (value.isInteger()) {
        point.valueText = value.isSigned() ? std::to_string(value.convert<Poco::Int64>())
                                           : std::to_string(value.convert<Poco::UInt64>());
        point.value = value.convert<double>();
    } else {
        point.value = value.convert<double>();
        if (!std::isfinite(point.value)) path.index(1).fail("expected a finite number");
        point.valueText = decimalText(point.value);
    }
    return point;
}

std::optional<int> readYear(const Object& series, const JsonPath& path) {
    if (!series.has("year") || series.get("year").isEmpty()) return std::nullopt;
    const Var value = series.get("year");
    if (value.isBoolean() || !value.isInteger()) path.field("year").fail("expected an integer year");
    Poco::Int64 year = value.isSigned() ? value.convert<Poco::Int64>() : 10000;
    if (year < 1 || year > 9999) path.field("year").fail("year out of range 1-9999");
    return static_cast<int>(year);
}

ExportSeries readSeries(const Var& item, const JsonPath& path) {
    const Object& object = requireObject(item, path);
    ExportSeries series;
    if (!object.has("id")) path.fail("missing \"id\"");
    series.id = requireString(object.get("id"), path.field("id"));
    series.type = optionalString(object, "type", path);
    series.valueType = optionalString(object, "valueType", path);
    Label label = readLabel(object, "label", path);
    if (!label.present) label = readLabel(object, "name", path);
    series.label = label.present ? label.text : series.id;
    series.translations = std::move(label.translations);

    std::optional<int> year = readYear(object, path);
    if (!object.has("data")) path.fail("missing \"data\"");
    const JsonPath dataPath = path.field("data");
    const Var dataValue = object.get("data");  // Object::get returns a copy: keep it alive
    const Array& data = requireArray(dataValue, dataPath);
    series.points.reserve(data.size());
    std::size_t i = 0;
    for (auto point = data.begin(); point != data.end(); ++point, ++i) {
        series.points.push_back(readPoint(*point, year, dataPath.index(i)));
    }
    return series;
}

ExportMetric readMetric(const std::string& key, const Var& value, const JsonPath& path) {
    const Array& list = requireArray(value, path);
    ExportMetric metric{validUtf8(key), {}};
    std::size_t i = 0;
    for (auto series = list.begin(); series != list.end(); ++series, ++i) {
        metric.series.push_back(readSeries(*series, path.index(i)));
    }
    return metric;
}

}  // namespace

std::size_t ExportMetric::pointCount() const {
    std::size_t count = 0;
    for (const ExportSeries& s : series) count += s.points.size();
    return count;
}

std::size_t ExportSubcount::metricsWithData() const {
    std::size_t count = 0;
    for (const ExportMetric& metric : metrics) count += metric.hasData() ? 1 : 0;
    return count;
}

std::size_t ExportModel::pointCount() const {
    std::size_t count = 0;
    for (const ExportQuery& query : queries)
        for (const ExportSubcount& subcount : query.subcounts)
            for (const ExportMetric& metric : subcount.metrics) count += metric.pointCount();
    return count;
}

std::size_t ExportModel::metricsWithData() const {
    std::size_t count = 0;
    for (const ExportQuery& query : queries)
        for (const ExportSubcount& subcount : query.subcounts) count += subcount.metricsWithData();
    return count;
}

ExportModel parseExportModel(const Object& results, const ExportInfo& info) {
    ExportModel model;
    const JsonPath root = JsonPath::root("results");
    for (const std::string& queryName : results.getNames()) {
        JsonPath queryPath = root.key(queryName);
        const Var value = results.get(queryName);
        ExportQuery query{validUtf8(queryName), {}};
        if (value.type() == typeid(Array::Ptr) || value.type() == typeid(Array)) {
            ExportSubcount subcount{info.seriesCategory, {}};
            subcount.metrics.push_back(readMetric(info.seriesMetric, value, queryPath));
            query.subcounts.push_back(std::move(subcount));
        } else {
            const Object& subcounts = requireObject(value, queryPath);
            for (const std::string& subcountKey : subcounts.getNames()) {
                JsonPath subcountPath = queryPath.key(subcountKey);
                const Var metricsValue = subcounts.get(subcountKey);  // a copy: keep it alive
                const Object& metrics = requireObject(metricsValue, subcountPath);
                ExportSubcount subcount{validUtf8(subcountKey), {}};
                for (const std::string& metricKey : metrics.getNames()) {
                    subcount.metrics.push_back(readMetric(metricKey, metrics.get(metricKey), subcountPath.key(metricKey)));
                }
                query.subcounts.push_back(std::move(subcount));
            }
        }
        model.queries.push_back(std::move(query));
    }
    return model;
}

std::string metricUnits(const std::string& metricKey) {
    static const std::map<std::string, std::string> units = {
        {"datavolume", "bytes"},
        {"downloads", "unique downloads"},
        {"views", "unique views"},
        {"downloaduniquefiles", "unique files downloaded"},
        {"downloaduniqueparents", "unique parents of downloaded files"},
        {"downloaduniquerecords", "unique records downloaded"},
        {"viewuniqueparents", "unique parents of viewed records"},
        {"viewuniquerecords", "unique records viewed"},
        {"downloadvisitors", "unique visitors who downloaded"},
        {"viewvisitors", "unique visitors who viewed"},
        {"records", "records"},
        {"filecount", "files"},
        {"parents", "parent records"},
        {"uploaders", "unique uploaders"},
    };
    auto found = units.find(Poco::toLower(metricKey));
    return found == units.end() ? "" : found->second;
}

bool isByteMetric(const std::string& metricKey) { return Poco::toLower(metricKey) == "datavolume"; }

}  // namespace statshost::dashboard::detail
