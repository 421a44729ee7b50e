#include "MetricsText.h"

#include <cstring>
#include <map>
#include <regex>
#include <sstream>

#include <cppunit/TestAssert.h>

namespace statshost::http::test {

double sampleValue(const std::string& text, const std::string& series) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 && line[series.size()] == ' ')
            return std::stod(line.substr(series.size() + 1));
    CPPUNIT_FAIL("no sample " + series + " in:\n" + text);
    return 0;
}

void assertValidExposition(const std::string& text) {
    static const std::regex comment(R"(# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*))");
    static const std::string labelPair = R"([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")";
    static const std::regex series("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{" + labelPair + "(?:," + labelPair + ")*\\})?");
    static const std::regex number(R"(-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|\+Inf|-Inf|NaN)");
    static const std::regex le(R"(,?le="([^"]*)\")");

    std::map<std::string, std::string> types;
    std::map<std::string, double> lastBucket, infBucket, counts;  // keyed by name + labels without le
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_match(line, m, comment)) {
            if (m[1] == "TYPE") types[m[2]] = m[3];
            continue;
        }
        std::size_t space = line.rfind(' ');
        CPPUNIT_ASSERT_MESSAGE("bad line: " + line, space != std::string::npos);
        std::string head = line.substr(0, space), valueText = line.substr(space + 1);
        CPPUNIT_ASSERT_MESSAGE("bad series: " + line, std::regex_match(head, m, series));
        CPPUNIT_ASSERT_MESSAGE("bad value: " + line, std::regex_match(valueText, number));
        const std::string name = m[1], labels = m[2];
        std::string family = name;
        for (const char* suffix : {"_bucket", "_sum", "_count"}) {
            std::size_t n = std::strlen(suffix);
            if (!types.count(family) && family.size() > n && family.compare(family.size() - n, n, suffix) == 0)
                family.resize(family.size() - n);
        }
        CPPUNIT_ASSERT_MESSAGE("no TYPE for " + line, types.count(family));
        if (types[family] != "histogram") continue;
        const double value = std::stod(valueText);
        std::string key = std::regex_replace(labels, le, "");
        if (key == "{}") key.clear();
        if (name == family + "_bucket") {
            std::smatch lm;
            CPPUNIT_ASSERT_MESSAGE("bucket without le: " + line, std::regex_search(labels, lm, le));
            CPPUNIT_ASSERT_MESSAGE("decreasing bucket: " + line, value >= lastBucket[family + key]);
            lastBucket[family + key] = value;
            if (lm[1] == "+Inf") infBucket[family + key] = value;
        } else if (name == family + "_count") {
            counts[family + key] = value;
        }
    }
    for (const auto& [key, inf] : infBucket)
        CPPUNIT_ASSERT_MESSAGE("+Inf bucket differs from _count for " + key, counts.count(key) && counts[key] == inf);
    CPPUNIT_ASSERT_MESSAGE("histogram without +Inf bucket", infBucket.size() == lastBucket.size());
}

}  // namespace statshost::http::test
