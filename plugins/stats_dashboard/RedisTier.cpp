#include "RedisTier.h"

#include <algorithm>

#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/Redis/Array.h>
#include <Poco/Redis/Client.h>
#include <Poco/Redis/Command.h>
#include <Poco/URI.h>

#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

using Poco::Redis::Array;
using Poco::Redis::BulkString;
using Poco::Redis::Command;

constexpr auto kRetryAfter = std::chrono::seconds(5);
const Poco::Timespan kConnectTimeout(2, 0);
const Poco::Timespan kReceiveTimeout(2, 0);

/// An empty Redis array reads as a null Poco::Redis::Array (whose size() throws).
std::size_t sizeOf(const Array& array) { return array.isNull() ? 0 : array.size(); }

std::uint64_t counter(const Array& pairs, const std::string& field) {
    if (pairs.isNull()) return 0;
    for (std::size_t i = 0; i + 1 < pairs.size(); i += 2)
        if (pairs.get<BulkString>(i).value() == field) return std::stoull(pairs.get<BulkString>(i + 1).value());
    return 0;
}

}  // namespace

RedisTier::RedisTier(const CacheSettings& settings, Logger& logger)
    : _url(settings.redisUrl), _ttlSeconds(settings.redisTtlSeconds), _prefix(settings.redisPrefix), _logger(logger) {
    Poco::URI uri;
    try {
        uri = Poco::URI(_url);
    } catch (const Poco::Exception& e) {
        throw ConfigError("STATS_CACHE_REDIS_URL", "not a URL: " + e.displayText());
    }
    if (uri.getScheme() != "redis" || uri.getHost().empty())
        throw ConfigError("STATS_CACHE_REDIS_URL", "expected redis://[:password@]host[:port][/db], got '" + _url + "'");
    _host = uri.getHost();
    _port = uri.getPort() ? uri.getPort() : 6379;
    const std::string& info = uri.getUserInfo();
    _password = info.find(':') == std::string::npos ? info : info.substr(info.find(':') + 1);
    std::string db = uri.getPath();
    if (!db.empty() && db[0] == '/') db.erase(0, 1);
    if (!db.empty() && !Poco::NumberParser::tryParse(db, _database))
        throw ConfigError("STATS_CACHE_REDIS_URL", "the database after the port must be a number, got '" + db + "'");
}

RedisTier::~RedisTier() = default;

std::string RedisTier::redisKey(const std::string& cacheKey) const {
    std::string key = _prefix + "answer:" + cacheKey;
    for (char& c : key)
        if (c == '\x1f') c = '|';
    return key;
}

RedisTier::ClientPtr RedisTier::acquire() {
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (!_idle.empty()) {
            ClientPtr client = std::move(_idle.back());
            _idle.pop_back();
            return client;
        }
    }
    auto client = std::make_unique<Poco::Redis::Client>();
    client->connect(_host, _port, kConnectTimeout);
    client->setReceiveTimeout(kReceiveTimeout);
    if (!_password.empty()) {
        Command auth("AUTH");
        auth << _password;
        client->execute<std::string>(auth);
    }
    if (_database != 0) {
        Command select("SELECT");
        select << std::to_string(_database);
        client->execute<std::string>(select);
    }
    return client;
}

void RedisTier::release(ClientPtr client) {
    std::lock_guard<std::mutex> lock(_mutex);
    if (_down) {
        _down = false;
        _logger.info("answer cache: Redis at " + _url + " is reachable again");
    }
    if (_idle.size() < 16) _idle.push_back(std::move(client));
}

void RedisTier::failed(const std::string& what) {
    std::lock_guard<std::mutex> lock(_mutex);
    _idle.clear();  // a failed connection may be half-read; start afresh
    _retryAt = std::chrono::steady_clock::now() + kRetryAfter;
    if (_down) return;
    _down = true;
    _logger.warning("answer cache: Redis at " + _url + " is not usable (" + what +
                    "); answers are served without the shared tier until it is back");
}

bool RedisTier::backingOff() {
    std::lock_guard<std::mutex> lock(_mutex);
    return _down && std::chrono::steady_clock::now() < _retryAt;
}

std::shared_ptr<const std::string> RedisTier::get(const std::string& key) {
    if (backingOff()) return nullptr;
    try {
        ClientPtr client = acquire();
        BulkString value = client->execute<BulkString>(Command::get(redisKey(key)));
        client->execute<Poco::Int64>(Command::hincrby(_prefix + "stats", value.isNull() ? "misses" : "hits"));
        release(std::move(client));
        return value.isNull() ? nullptr : std::make_shared<const std::string>(value.value());
    } catch (const Poco::Exception& e) {
        failed(e.displayText());
    }
    return nullptr;
}

void RedisTier::put(const std::string& key, const std::string& value) {
    if (backingOff()) return;
    try {
        ClientPtr client = acquire();
        Command set("SET");
        set << redisKey(key) << value;
        if (_ttlSeconds > 0) set << "EX" << std::to_string(_ttlSeconds);
        client->execute<std::string>(set);
        release(std::move(client));
    } catch (const Poco::Exception& e) {
        failed(e.displayText());
    }
}

std::vector<std::string> RedisTier::ourKeys(Poco::Redis::Client& client, const std::string& pattern) {
    std::vector<std::string> keys;
    std::string cursor = "0";
    do {
        Command scan("SCAN");
        scan << cursor << "MATCH" << pattern << "COUNT" << "1000";
        Array page = client.execute<Array>(scan);
        cursor = page.get<BulkString>(0).value();
        Array found = page.get<Array>(1);
        for (std::size_t i = 0; i < sizeOf(found); ++i) keys.push_back(found.get<BulkString>(i).value());
    } while (cursor != "0");
    return keys;
}

RedisTier::Info RedisTier::info() {
    try {
        ClientPtr client = acquire();
        Info out;
        for (const auto& key : ourKeys(*client, _prefix + "answer:*")) {
            Command strlen("STRLEN");
            strlen << key;
            out.bytes += static_cast<std::uint64_t>(client->execute<Poco::Int64>(strlen));
            ++out.entries;
        }
        Array stats = client->execute<Array>(Command::hgetall(_prefix + "stats"));
        out.hits = counter(stats, "hits");
        out.misses = counter(stats, "misses");
        release(std::move(client));
        return out;
    } catch (const Poco::Exception& e) {
        throw Error("Redis at " + _url + ": " + e.displayText());
    }
}

std::uint64_t RedisTier::clear() {
    try {
        ClientPtr client = acquire();
        std::uint64_t deleted = 0;
        std::vector<std::string> keys = ourKeys(*client, _prefix + "answer:*");
        for (std::size_t i = 0; i < keys.size(); i += 500) {
            std::vector<std::string> batch(keys.begin() + i, keys.begin() + std::min(keys.size(), i + 500));
            deleted += static_cast<std::uint64_t>(client->execute<Poco::Int64>(Command::del(batch)));
        }
        client->execute<Poco::Int64>(Command::del(_prefix + "stats"));
        release(std::move(client));
        return deleted;
    } catch (const Poco::Exception& e) {
        throw Error("Redis at " + _url + ": " + e.displayText());
    }
}

}  // namespace statshost::dashboard
