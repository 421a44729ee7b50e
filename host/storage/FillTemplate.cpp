#include "storage/FillTemplate.h"

#include <charconv>
#include <cstdio>
#include <typeinfo>

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include "statshost/Errors.h"

namespace statshost::storage {

/// Writes a parsed value into the pieces of a FillTemplate.
class FillWriter {
public:
    FillWriter(std::vector<FillTemplate::Piece>& pieces, bool zero) : _pieces(pieces), _zero(zero) {
        _pieces.push_back({std::string(), FillTemplate::DateSlot::PeriodStart});
    }

    void value(const Poco::Dynamic::Var& var, bool topLevel) {
        std::string& out = _pieces.back().text;
        if (var.type() == typeid(Poco::JSON::Object::Ptr)) {
            object(var.extract<Poco::JSON::Object::Ptr>(), topLevel);
        } else if (var.type() == typeid(Poco::JSON::Array::Ptr)) {
            array(var.extract<Poco::JSON::Array::Ptr>());
        } else if (var.isEmpty()) {
            out += "null";
        } else if (var.isBoolean()) {
            out += var.extract<bool>() ? "true" : "false";
        } else if (var.isString()) {
            string(var.extract<std::string>());
        } else if (var.isInteger()) {
            if (_zero)
                out += '0';
            else
                out += var.isSigned() ? std::to_string(var.convert<Poco::Int64>())
                                      : std::to_string(var.convert<Poco::UInt64>());
        } else if (var.isNumeric()) {
            floating(_zero ? 0.0 : var.convert<double>());
        } else {
            throw StorageError(std::string("cannot fill from a document holding a value of type ") + var.type().name());
        }
    }

private:
    void object(const Poco::JSON::Object::Ptr& object, bool topLevel) {
        _pieces.back().text += '{';
        bool first = true;
        for (const std::string& key : object->getNames()) {
            if (!first) _pieces.back().text += ',';
            first = false;
            string(key);
            _pieces.back().text += ':';
            if (topLevel && key == "period_start")
                slot(FillTemplate::DateSlot::PeriodStart);
            else if (topLevel && key == "period_end")
                slot(FillTemplate::DateSlot::PeriodEnd);
            else if (topLevel && key == "snapshot_date")
                slot(FillTemplate::DateSlot::SnapshotDate);
            else
                value(object->get(key), false);
        }
        _pieces.back().text += '}';
    }

    void array(const Poco::JSON::Array::Ptr& array) {
        _pieces.back().text += '[';
        if (!_zero)
            for (std::size_t i = 0; i < array->size(); ++i) {
                if (i > 0) _pieces.back().text += ',';
                value(array->get(static_cast<unsigned int>(i)), false);
            }
        _pieces.back().text += ']';
    }

    void slot(FillTemplate::DateSlot slot) {
        _pieces.back().slot = slot;
        _pieces.push_back({std::string(), FillTemplate::DateSlot::PeriodStart});
    }

    void string(const std::string& text) {
        std::string& out = _pieces.back().text;
        out += '"';
        for (char c : text) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                    out += escaped;
                } else {
                    out += c;
                }
            }
        }
        out += '"';
    }

    void floating(double number) {
        char buffer[64];
        auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
        if (error != std::errc()) throw StorageError("cannot write a number of a fill document");
        std::string text(buffer, end);
        if (text.find_first_of(".eE") == std::string::npos) text += ".0";
        _pieces.back().text += text;
    }

    std::vector<FillTemplate::Piece>& _pieces;
    bool _zero;
};

FillTemplate::FillTemplate(const std::string& body, Transform transform) {
    Poco::Dynamic::Var parsed;
    try {
        // Poco's handler only takes an object or array at the top: wrap the body, which may be any value.
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));  // true: keep key order
        Poco::Dynamic::Var wrapped = parser.parse("[" + body + "]");
        auto list = wrapped.extract<Poco::JSON::Array::Ptr>();
        if (list->size() != 1) throw Poco::JSON::JSONException("not one JSON value");
        parsed = list->get(0);
    } catch (const Poco::Exception& e) {
        throw StorageError("cannot read a stored document to fill missing days: " + e.displayText());
    }
    FillWriter(_pieces, transform == Transform::Zero).value(parsed, true);
    for (const Piece& piece : _pieces) _size += piece.text.size();
}

std::string FillTemplate::render(const std::string& day) const {
    std::string out;
    out.reserve(_size + 32 * _pieces.size());
    for (std::size_t i = 0; i < _pieces.size(); ++i) {
        out += _pieces[i].text;
        if (i + 1 == _pieces.size()) break;
        out += '"';
        out += day;
        switch (_pieces[i].slot) {
        case DateSlot::PeriodStart: out += "T00:00:00"; break;
        case DateSlot::PeriodEnd: out += "T23:59:59"; break;
        case DateSlot::SnapshotDate: break;
        }
        out += '"';
    }
    return out;
}

}  // namespace statshost::storage
