#include "services/ReplayImporter.h"

#include <Poco/JSON/Parser.h>

#include "plugins/HostServices.h"
#include "records/Dates.h"
#include "services/ServiceError.h"

namespace statshost::services {

namespace {

/// A field that may be absent or null (REPLAY.md: null = absent).
bool present(const Poco::JSON::Object::Ptr& o, const std::string& key) { return o && o->has(key) && !o->isNull(key); }

std::string requireString(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!present(o, key)) throw ServiceError(400, key + ": missing");
    auto v = o->get(key);
    if (!v.isString()) throw ServiceError(400, key + ": expected a string");
    return v.extract<std::string>();
}

std::vector<std::string> requireStringList(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!present(o, key)) throw ServiceError(400, key + ": missing");
    auto arr = o->getArray(key);
    if (!arr) throw ServiceError(400, key + ": expected a list of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        auto v = arr->get(i);
        if (!v.isString()) throw ServiceError(400, key + "[" + std::to_string(i) + "]: expected a string");
        out.push_back(v.extract<std::string>());
    }
    return out;
}

Poco::JSON::Object::Ptr requireObject(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!present(o, key)) throw ServiceError(400, key + ": missing");
    auto obj = o->getObject(key);
    if (!obj) throw ServiceError(400, key + ": expected an object");
    return obj;
}

}  // namespace

ReplayImporter::ReplayImporter(RepositoryServices& services, UsageOpHandler usage)
    : _services(services), _usage(std::move(usage)) {}

Outcome ReplayImporter::applyLine(ServiceTx& tx, const Poco::JSON::Object::Ptr& line, const std::string& op,
                                  std::int64_t at) {
    if (op == "community") return tx.putCommunity(requireObject(line, "community"));
    if (op == "publish") return tx.publish(requireObject(line, "record"));
    if (op == "add") return tx.add(requireString(line, "record_id"), requireStringList(line, "community_ids"));
    if (op == "bulk_add") return tx.bulkAdd(requireString(line, "community_id"), requireStringList(line, "record_ids"));
    if (op == "remove") return tx.remove(requireString(line, "record_id"), requireStringList(line, "community_ids"));
    if (op == "delete") return tx.deleteRecord(requireString(line, "record_id"));
    if (op == "restore") return tx.restoreRecord(requireString(line, "record_id"));
    if (op == "accept_request") {
        auto request = requireObject(line, "request");
        auto receiver = requireObject(request, "receiver");
        auto topic = requireObject(request, "topic");
        return tx.acceptRequest(requireString(request, "type"), requireString(receiver, "community"),
                                requireString(topic, "record"));
    }
    if (op == "view" || op == "download") {
        if (!_usage) throw ServiceError(400, "op '" + op + "': usage events are not handled by this importer");
        return {_usage(tx, op, line, at), ""};
    }
    throw ServiceError(400, "op: unknown operation '" + op + "'");
}

namespace {

const char* const kCheckpointTable =
    "CREATE TABLE IF NOT EXISTS import_checkpoints (name TEXT PRIMARY KEY, line BIGINT NOT NULL, updated_us BIGINT NOT NULL)";

std::size_t readCheckpoint(storage::Database& db, const std::string& name) {
    std::size_t line = 0;
    db.query("SELECT line FROM import_checkpoints WHERE name = $1", {name},
             [&](const storage::Row& r) { line = static_cast<std::size_t>(r.getInt(0)); });
    return line;
}

void writeCheckpoint(ServiceTx& tx, const std::string& name, std::size_t line) {
    tx.connection().exec(
        "INSERT INTO import_checkpoints (name, line, updated_us) VALUES ($1, $2, $3) "
        "ON CONFLICT (name) DO UPDATE SET line = excluded.line, updated_us = excluded.updated_us",
        {name, static_cast<std::int64_t>(line), tx.clock().nowMicros()});
}

}  // namespace

ImportReport ReplayImporter::run(std::istream& in, const ImportOptions& options,
                                 const std::function<void(std::uint64_t, const ImportReport&)>& onProgress) {
    ImportReport report;
    plugins::ManualClock clock;
    std::size_t resumeAfter = 0;
    if (!options.checkpoint.empty()) {
        _services.storage().database().exec(kCheckpointTable);
        resumeAfter = readCheckpoint(_services.storage().database(), options.checkpoint);
    }
    std::int64_t lastAt = INT64_MIN;
    std::size_t lastAtLine = 0;
    std::size_t lineNo = 0;
    std::uint64_t bytes = 0;
    bool eof = false;
    while (!eof && !report.stopped) {
        std::size_t inBatch = 0;
        std::map<std::string, std::size_t> batchOutcomes;
        std::size_t batchApplied = 0;
        _services.transaction(clock, [&](ServiceTx& tx) {
            std::string text;
            while (inBatch < options.batchLines) {
                if (!std::getline(in, text)) {
                    eof = true;
                    break;
                }
                ++lineNo;
                bytes += text.size() + 1;
                if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
                if (lineNo <= resumeAfter) {
                    ++report.skipped;
                    continue;
                }
                ++report.lines;
                ++inBatch;
                try {
                    Poco::JSON::Object::Ptr line;
                    try {
                        line = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
                    } catch (const Poco::BadCastException&) {  // valid JSON, but not an object
                        throw ServiceError(400, "expected a JSON object");
                    } catch (const Poco::Exception& e) {
                        throw ServiceError(400, "malformed JSON: " + e.displayText());
                    }
                    if (!line) throw ServiceError(400, "expected a JSON object");
                    std::string op;
                    std::int64_t at;
                    if (options.recordsOnly) {
                        op = "publish";
                        auto created = line->has("created") && line->get("created").isString()
                                           ? records::parseTimestampMicros(line->getValue<std::string>("created"))
                                           : std::nullopt;
                        if (!created) throw ServiceError(400, "created: missing or not an ISO-8601 time");
                        at = *created;
                    } else {
                        op = requireString(line, "op");
                        auto parsed = records::parseTimestampMicros(requireString(line, "at"));
                        if (!parsed) throw ServiceError(400, "at: not an ISO-8601 time");
                        at = *parsed;
                        if (at < lastAt)
                            throw ServiceError(400, "at: earlier than line " + std::to_string(lastAtLine) +
                                                        " (lines must be in non-decreasing time order)");
                    }
                    clock.set(at);
                    Outcome outcome;
                    RepositoryServices::savepoint(tx, [&] {
                        if (options.recordsOnly) {
                            outcome = tx.publish(line);
                        } else {
                            outcome = applyLine(tx, line, op, at);
                        }
                    });
                    if (!options.recordsOnly) lastAt = at, lastAtLine = lineNo;
                    ++batchOutcomes[op + ":" + outcome.status];
                    ++batchApplied;
                } catch (const HttpError& e) {
                    report.errors.push_back({lineNo, e.what()});
                    if (!options.keepGoing) {
                        report.stopped = true;
                        break;
                    }
                }
            }
            // The stopping line is not handled: a resumed run starts with it again.
            std::size_t handled = report.stopped ? lineNo - 1 : lineNo;
            if (!options.checkpoint.empty() && handled > resumeAfter) writeCheckpoint(tx, options.checkpoint, handled);
        });
        // Committed: only now do these lines count.
        report.applied += batchApplied;
        for (const auto& [k, n] : batchOutcomes) report.byOutcome[k] += n;
        if (onProgress) onProgress(bytes, report);
    }
    return report;
}

}  // namespace statshost::services
