#include "storage/StorageUrl.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "statshost/Errors.h"

namespace statshost::storage {
namespace {

const char* const kExpected = "expected sqlite:PATH or postgresql://[user[:password]@]host[:port]/dbname[?key=value&...]";

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Decodes %XX escapes; `what` names the URL part in the error.
std::string percentDecode(const std::string& text, const std::string& what, const std::string& redacted) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        int hi = i + 2 < text.size() ? hexValue(text[i + 1]) : -1;
        int lo = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
        if (hi < 0 || lo < 0)
            throw StorageError("bad %-escape in the " + what + " of storage URL '" + redacted + "'");
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

bool hasWhitespace(const std::string& text) {
    for (char c : text)
        if (std::isspace(static_cast<unsigned char>(c))) return true;
    return false;
}

/// Escapes a value for an unquoted libpq conninfo value. Whitespace is only allowed in `options`, where it
/// becomes a backslash-escaped TAB: Poco splits on ' ' only, libpq keeps the escaped TAB in the value and
/// the server splits `options` on any whitespace.
std::string conninfoValue(const std::string& key, const std::string& value, const std::string& redacted) {
    bool isOptions = key == "options";
    if (!isOptions && hasWhitespace(value))
        throw StorageError("the " + key + " of storage URL '" + redacted +
                           "' contains whitespace, which Poco's PostgreSQL connector cannot pass");
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '\'') {
            out += '\\';
            out += c;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            out += "\\\t";
        } else {
            out += c;
        }
    }
    return out;
}

bool isKeyword(const std::string& key) {
    if (key.empty()) return false;
    for (char c : key)
        if (!(std::islower(static_cast<unsigned char>(c)) || c == '_')) return false;
    return true;
}

}  // namespace

std::string redactUrl(const std::string& url) {
    std::string out = url;
    std::size_t start = out.find("://");
    if (start != std::string::npos) {
        start += 3;
        std::size_t at = out.rfind('@');
        if (at != std::string::npos && at > start) {
            std::size_t colon = out.find(':', start);
            if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
        }
    }
    std::size_t query = out.find('?');
    while (query != std::string::npos) {
        std::size_t key = query + 1;
        std::size_t end = out.find('&', key);
        if (out.compare(key, 9, "password=") == 0) {
            std::size_t valueStart = key + 9;
            out.replace(valueStart, (end == std::string::npos ? out.size() : end) - valueStart, "***");
            end = out.find('&', valueStart);
        }
        query = end;
    }
    return out;
}

std::string StorageUrl::scrub(const std::string& message) const {
    if (_password.empty()) return message;
    std::string out = message;
    for (std::size_t at = out.find(_password); at != std::string::npos; at = out.find(_password, at + 3))
        out.replace(at, _password.size(), "***");
    return out;
}

StorageUrl StorageUrl::parse(const std::string& url) {
    StorageUrl result;
    result._redacted = redactUrl(url);
    const std::string& shown = result._redacted;

    std::size_t colon = url.find(':');
    if (colon == std::string::npos || colon == 0)
        throw StorageError("storage URL '" + shown + "' has no scheme; " + kExpected);
    std::string scheme = lower(url.substr(0, colon));
    std::string rest = url.substr(colon + 1);

    if (scheme == "sqlite") {
        if (rest.empty()) throw StorageError("storage URL '" + shown + "' names no SQLite file; " + kExpected);
        if (rest == ":memory:" || rest.rfind("file:", 0) == 0)
            throw StorageError("storage URL '" + shown + "': in-memory and file: URI SQLite databases are not "
                               "supported; use sqlite:PATH");
        if (rest.rfind("//", 0) == 0)
            throw StorageError("storage URL '" + shown + "' is ambiguous; write sqlite:/absolute/path or "
                               "sqlite:relative/path");
        result._dialect = Dialect::SQLite;
        result._sqlitePath = rest;
        return result;
    }
    if (scheme != "postgresql" && scheme != "postgres")
        throw StorageError("unsupported storage URL scheme '" + scheme + "' in '" + shown + "'; " + kExpected);
    if (rest.rfind("//", 0) != 0)
        throw StorageError("storage URL '" + shown + "' must start with " + scheme + "://; " + kExpected);
    rest.erase(0, 2);

    std::string query;
    if (std::size_t q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest.erase(q);
    }
    std::string userInfo;
    if (std::size_t at = rest.rfind('@'); at != std::string::npos) {
        userInfo = rest.substr(0, at);
        rest.erase(0, at + 1);
    }
    std::string hostPort = rest;
    std::string path;
    if (std::size_t slash = rest.find('/'); slash != std::string::npos) {
        hostPort = rest.substr(0, slash);
        path = rest.substr(slash + 1);
    }

    std::vector<std::pair<std::string, std::string>> params;
    auto add = [&](const std::string& key, const std::string& value) {
        if (value.empty()) return;
        for (const auto& [k, v] : params)
            if (k == key) throw StorageError("storage URL '" + shown + "' gives '" + key + "' twice");
        params.emplace_back(key, value);
    };

    std::string host = hostPort;
    std::string port;
    bool portGiven = false;
    if (!hostPort.empty() && hostPort[0] == '[') {
        std::size_t close = hostPort.find(']');
        if (close == std::string::npos) throw StorageError("storage URL '" + shown + "' has an unclosed '[' in its host");
        host = hostPort.substr(1, close - 1);
        if (close + 1 < hostPort.size()) {
            if (hostPort[close + 1] != ':') throw StorageError("storage URL '" + shown + "' has a bad host");
            port = hostPort.substr(close + 2);
            portGiven = true;
        }
    } else if (std::size_t c = hostPort.rfind(':'); c != std::string::npos) {
        host = hostPort.substr(0, c);
        port = hostPort.substr(c + 1);
        portGiven = true;
    }
    if (portGiven) {
        bool digits = !port.empty() && port.size() <= 5;
        for (char c : port) digits = digits && std::isdigit(static_cast<unsigned char>(c));
        if (!digits || std::stoi(port) < 1 || std::stoi(port) > 65535)
            throw StorageError("storage URL '" + shown + "' has an invalid port '" + port + "'");
    }
    add("host", percentDecode(host, "host", shown));
    add("port", port);
    if (!userInfo.empty()) {
        std::size_t c = userInfo.find(':');
        add("user", percentDecode(userInfo.substr(0, c), "user name", shown));
        if (c != std::string::npos) {
            result._password = percentDecode(userInfo.substr(c + 1), "password", shown);
            add("password", result._password);
        }
    }
    add("dbname", percentDecode(path, "database name", shown));

    std::size_t start = 0;
    while (start < query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        std::string item = query.substr(start, end - start);
        start = end + 1;
        if (item.empty()) continue;
        std::size_t eq = item.find('=');
        std::string key = item.substr(0, eq);
        if (eq == std::string::npos || !isKeyword(key))
            throw StorageError("storage URL '" + shown + "' has a bad query parameter '" + redactUrl("?" + item).substr(1) +
                               "'; expected key=value with a libpq keyword");
        std::string value = percentDecode(item.substr(eq + 1), "query parameter '" + key + "'", shown);
        if (key == "password") result._password = value;
        add(key, value);
    }

    bool hasTimeout = false, hasEncoding = false;
    std::string options;
    for (const auto& [key, value] : params) {
        if (key == "connect_timeout") hasTimeout = true;
        if (key == "client_encoding") hasEncoding = true;
        if (key == "options") options = value;
    }
    if (!hasTimeout) params.emplace_back("connect_timeout", "10");
    if (!hasEncoding) params.emplace_back("client_encoding", "UTF8");  // all text the storage sends is UTF-8
    options = options.empty() ? "-cTimeZone=UTC" : options + " -cTimeZone=UTC";
    if (auto it = std::find_if(params.begin(), params.end(), [](const auto& p) { return p.first == "options"; });
        it != params.end())
        it->second = options;
    else
        params.emplace_back("options", options);

    for (const auto& [key, value] : params) {
        if (!result._connectionString.empty()) result._connectionString += ' ';
        result._connectionString += key + "=" + conninfoValue(key, value, shown);
    }
    result._dialect = Dialect::PostgreSQL;
    return result;
}

}  // namespace statshost::storage
