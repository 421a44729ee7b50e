#include "AggregationTestSupport.h"

#include <mutex>
#include <stdexcept>

#include <Poco/Logger.h>
#include <Poco/Message.h>

#include "records/Dates.h"
#include "services/ServiceTx.h"
#include "usage/store/UsageStore.h"

namespace statshost::test {

void onEachBackend(const std::function<void(TestBackend&)>& body) {
    {
        SqliteBackend sqlite;
        body(sqlite);
    }
    PostgresBackend postgres;
    if (postgres.available()) body(postgres);
}

std::int64_t micros(const std::string& iso) {
    auto value = records::parseTimestampMicros(iso);
    if (!value) throw std::invalid_argument("bad timestamp " + iso);
    return *value;
}

std::int64_t dayNumber(const std::string& day) {
    auto value = records::parseDay(day);
    if (!value) throw std::invalid_argument("bad day " + day);
    return *value;
}

usage::UsageEvent viewEvent(const std::string& recid, const std::string& parent, const std::string& visitor,
                            const std::string& iso) {
    usage::UsageEvent e;
    e.type = usage::EventType::View;
    e.timestampMicros = micros(iso);
    e.day = records::dayOfMicros(e.timestampMicros);
    e.recordId = recid;
    e.parentId = parent;
    e.visitorId = visitor;
    e.uniqueId = "ui_" + recid;
    e.country = "DE";
    e.referrerHost = "example.org";
    return e;
}

usage::UsageEvent downloadEvent(const std::string& recid, const std::string& parent, const std::string& fileId,
                                const std::string& fileType, std::int64_t size, const std::string& visitor,
                                const std::string& iso) {
    usage::UsageEvent e = viewEvent(recid, parent, visitor, iso);
    e.type = usage::EventType::Download;
    e.uniqueId = recid + "_" + fileId;
    e.fileId = fileId;
    e.fileKey = fileId;
    e.bucketId = recid;
    e.fileType = fileType;
    e.size = size;
    e.country = "";
    e.referrerHost = "";
    return e;
}

void storeUsage(ServiceHarness& h, const std::vector<usage::UsageEvent>& events) {
    usage::UsageStore store;
    h.call([&](services::ServiceTx& tx) {
        store.store(tx.connection(), events, tx.repository().changeSeq());
        return services::Outcome{};
    });
}

class LogCapture::Sink : public Poco::Channel {
public:
    void log(const Poco::Message& msg) override {
        std::lock_guard<std::mutex> guard(mutex);
        lines.push_back(msg.getSource() + ": " + msg.getText());
    }
    mutable std::mutex mutex;
    std::vector<std::string> lines;
};

LogCapture::LogCapture(const std::string& loggerName) : _name(loggerName), _sink(new Sink) {
    Poco::Logger& logger = Poco::Logger::get(loggerName);
    _previous = logger.getChannel();
    _previousLevel = logger.getLevel();
    Poco::Logger::setChannel(loggerName, _sink);
    Poco::Logger::setLevel(loggerName, Poco::Message::PRIO_INFORMATION);
}

LogCapture::~LogCapture() {
    Poco::Logger::setChannel(_name, _previous);
    Poco::Logger::setLevel(_name, _previousLevel);
}

std::vector<std::string> LogCapture::lines() const {
    std::lock_guard<std::mutex> guard(_sink->mutex);
    return _sink->lines;
}

std::size_t LogCapture::count(const std::string& part) const {
    std::size_t n = 0;
    for (const std::string& line : lines()) n += line.find(part) != std::string::npos;
    return n;
}

}  // namespace statshost::test
