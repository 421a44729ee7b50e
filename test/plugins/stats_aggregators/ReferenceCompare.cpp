// Flattening JSON documents for field-by-field comparison.
#include "ReferenceCompare.h"

#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

namespace statshost::test::reference {

namespace {

std::string index(std::size_t i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "[%03zu]", i);
    return buf;
}

std::string lastKey(const std::string& path) {
    auto dot = path.rfind('.');
    return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string numberText(const Poco::Dynamic::Var& v, const std::string& path) {
    if (v.isInteger()) {
        if (v.isSigned()) return std::to_string(v.convert<Poco::Int64>());
        return std::to_string(v.convert<Poco::UInt64>());
    }
    double d = v.convert<double>();
    std::string key = lastKey(path);
    bool bytes = key == "data_volume" || key == "total_volume";
    if (bytes && std::floor(d) == d && std::fabs(d) < 9.0e15) return std::to_string(static_cast<long long>(d));
    std::ostringstream s;
    s.precision(17);
    s << d << " (double)";
    return s.str();
}

void walk(const Poco::Dynamic::Var& v, const std::string& path, FlatDoc& out) {
    if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
        auto o = v.extract<Poco::JSON::Object::Ptr>();
        if (o.isNull()) {
            out[path] = "null";
            return;
        }
        if (o->size() == 0) out[path] = "{}";
        for (const auto& [key, value] : *o) walk(value, path.empty() ? key : path + "." + key, out);
    } else if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
        auto a = v.extract<Poco::JSON::Array::Ptr>();
        if (a.isNull()) {
            out[path] = "null";
            return;
        }
        out[path + ".length"] = std::to_string(a->size());
        for (std::size_t i = 0; i < a->size(); ++i) walk(a->get(static_cast<unsigned>(i)), path + index(i), out);
    } else if (v.isEmpty()) {
        out[path] = "null";
    } else if (v.isBoolean()) {
        out[path] = v.convert<bool>() ? "true" : "false";
    } else if (v.isNumeric()) {
        out[path] = numberText(v, path);
    } else {
        out[path] = "\"" + v.convert<std::string>() + "\"";
    }
}

}  // namespace

FlatDoc flatten(const Poco::JSON::Object::Ptr& doc) {
    FlatDoc out;
    walk(Poco::Dynamic::Var(doc), "", out);
    out.erase("timestamp");
    return out;
}

FlatDoc flattenText(const std::string& jsonText) {
    auto v = Poco::JSON::Parser().parse(jsonText);
    return flatten(v.extract<Poco::JSON::Object::Ptr>());
}

std::string firstDifference(const FlatDoc& expected, const FlatDoc& actual) {
    auto e = expected.begin();
    auto a = actual.begin();
    while (e != expected.end() || a != actual.end()) {
        if (a == actual.end() || (e != expected.end() && e->first < a->first))
            return e->first + ": expected " + e->second + ", actual (missing)";
        if (e == expected.end() || a->first < e->first)
            return a->first + ": expected (missing), actual " + a->second;
        if (e->second != a->second) return e->first + ": expected " + e->second + ", actual " + a->second;
        ++e;
        ++a;
    }
    return "";
}

namespace {

bool isObject(const Poco::Dynamic::Var& v) { return v.type() == typeid(Poco::JSON::Object::Ptr); }
bool isArray(const Poco::Dynamic::Var& v) { return v.type() == typeid(Poco::JSON::Array::Ptr); }

/// Compares two values; containers of the same kind are walked, anything else is compared as the
/// flattened text of both sides (so messages look like those of the flat comparison).
std::string compareVars(const Poco::Dynamic::Var& e, const Poco::Dynamic::Var& a, std::string& path) {
    if (isObject(e) && isObject(a)) {
        auto eo = e.extract<Poco::JSON::Object::Ptr>();
        auto ao = a.extract<Poco::JSON::Object::Ptr>();
        if (!eo.isNull() && !ao.isNull() && eo->size() > 0 && ao->size() > 0) {
            // Both key maps are ordered (Poco keeps a sorted map unless told to keep insertion order).
            auto ei = eo->begin(), ai = ao->begin();
            while (ei != eo->end() || ai != ao->end()) {
                bool hasE = ei != eo->end(), hasA = ai != ao->end();
                const std::string& key = !hasA || (hasE && ei->first < ai->first) ? ei->first : ai->first;
                bool inE = hasE && ei->first == key, inA = hasA && ai->first == key;
                std::string diff;
                if (!(path.empty() && key == "timestamp")) {
                    std::size_t mark = path.size();
                    path += path.empty() ? key : "." + key;
                    if (inE && inA) {
                        diff = compareVars(ei->second, ai->second, path);
                    } else {
                        FlatDoc fe, fa;
                        if (inE) walk(ei->second, path, fe);
                        if (inA) walk(ai->second, path, fa);
                        diff = firstDifference(fe, fa);
                    }
                    path.resize(mark);
                }
                if (!diff.empty()) return diff;
                if (inE) ++ei;
                if (inA) ++ai;
            }
            return "";
        }
    }
    if (isArray(e) && isArray(a)) {
        auto ea = e.extract<Poco::JSON::Array::Ptr>();
        auto aa = a.extract<Poco::JSON::Array::Ptr>();
        if (!ea.isNull() && !aa.isNull() && ea->size() == aa->size()) {
            for (std::size_t i = 0; i < ea->size(); ++i) {
                std::size_t mark = path.size();
                path += index(i);
                std::string diff = compareVars(ea->get(static_cast<unsigned>(i)), aa->get(static_cast<unsigned>(i)), path);
                path.resize(mark);
                if (!diff.empty()) return diff;
            }
            return "";
        }
    }
    FlatDoc fe, fa;
    walk(e, path, fe);
    walk(a, path, fa);
    return firstDifference(fe, fa);
}

}  // namespace

std::string firstDifference(const Poco::JSON::Object::Ptr& expected, const Poco::JSON::Object::Ptr& actual) {
    std::string path;
    return compareVars(Poco::Dynamic::Var(expected), Poco::Dynamic::Var(actual), path);
}

std::string text(const Poco::JSON::Object::Ptr& doc) {
    std::ostringstream s;
    Poco::JSON::Stringifier::condense(doc, s);
    return s.str();
}

}  // namespace statshost::test::reference
