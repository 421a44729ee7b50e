#include "Negotiation.h"

#include <sstream>

#include <Poco/String.h>

#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

std::optional<AnswerFormat> byMediaType(const std::string& type) {
    if (type == "application/json" || type == "*/*" || type == "application/*") return AnswerFormat::Json;
    if (type == "text/csv") return AnswerFormat::Csv;
    if (type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") return AnswerFormat::Xlsx;
    if (type == "application/xml" || type == "text/xml") return AnswerFormat::Xml;
    return std::nullopt;
}

double quality(const std::string& params) {
    std::istringstream in(params);
    std::string p;
    while (std::getline(in, p, ';')) {
        p = Poco::trim(p);
        if (p.rfind("q=", 0) == 0) {
            try {
                return std::stod(p.substr(2));
            } catch (const std::exception&) {
                return 0;
            }
        }
    }
    return 1;
}

}  // namespace

std::optional<AnswerFormat> negotiateFormat(const std::string& formatParam, const std::string& accept) {
    if (!formatParam.empty()) {
        for (AnswerFormat f : {AnswerFormat::Json, AnswerFormat::Csv, AnswerFormat::Xlsx, AnswerFormat::Xml})
            if (formatParam == formatName(f)) return f;
        throw HttpError(400, "format: expected one of json, csv, xlsx, xml, got '" + formatParam + "'");
    }
    if (Poco::trim(accept).empty()) return AnswerFormat::Json;
    std::optional<AnswerFormat> best;
    double bestQ = 0;
    std::istringstream in(accept);
    std::string range;
    while (std::getline(in, range, ',')) {
        const std::size_t semi = range.find(';');
        const std::string type = Poco::toLower(Poco::trim(range.substr(0, semi)));
        const double q = semi == std::string::npos ? 1.0 : quality(range.substr(semi + 1));
        auto f = byMediaType(type);
        if (f && q > bestQ) {
            best = f;
            bestQ = q;
        }
    }
    return best;
}

const char* formatName(AnswerFormat format) {
    switch (format) {
        case AnswerFormat::Csv: return "csv";
        case AnswerFormat::Xlsx: return "xlsx";
        case AnswerFormat::Xml: return "xml";
        default: return "json";
    }
}

}  // namespace statshost::dashboard
