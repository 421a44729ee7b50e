#include "DemoTestSupport.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

namespace statshost::demo::test {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

Stream generate(const DemoOptions& options, bool parse) {
    Stream s;
    std::ostringstream out;
    s.summary = DemoGenerator().generate(options, out);
    s.text = out.str();
    if (!parse) return s;
    Poco::JSON::Parser parser;
    std::size_t number = 0;
    for (auto& text : splitLines(s.text)) {
        Line line;
        line.number = ++number;
        try {
            parser.reset();
            Poco::Dynamic::Var v = parser.parse(text);
            if (v.type() == typeid(Object::Ptr)) line.json = v.extract<Object::Ptr>();
        } catch (const Poco::Exception&) {
        }
        line.op = str(line.json, "op");
        line.at = str(line.json, "at");
        line.text = std::move(text);
        s.lines.push_back(std::move(line));
    }
    return s;
}

const Stream& smallStream(std::uint64_t seed) {
    static std::map<std::uint64_t, std::unique_ptr<Stream>> cache;
    auto& slot = cache[seed];
    if (!slot) {
        DemoOptions o;
        o.seed = seed;
        o.scale = Scale::Small;
        slot = std::make_unique<Stream>(generate(o));
    }
    return *slot;
}

Object::Ptr obj(const Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key)) return nullptr;
    return o->getObject(key);
}

Array::Ptr arr(const Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key)) return nullptr;
    return o->getArray(key);
}

bool isString(const Object::Ptr& o, const std::string& key) {
    return o && o->has(key) && o->get(key).isString();
}

std::string str(const Object::Ptr& o, const std::string& key) {
    return isString(o, key) ? o->getValue<std::string>(key) : std::string();
}

Object::Ptr path(const Object::Ptr& o, const std::string& dotted) {
    Object::Ptr cur = o;
    std::size_t start = 0;
    while (cur && start <= dotted.size()) {
        std::size_t dot = dotted.find('.', start);
        if (dot == std::string::npos) dot = dotted.size();
        cur = obj(cur, dotted.substr(start, dot - start));
        start = dot + 1;
    }
    return cur;
}

bool isUuid(const std::string& s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

bool isTimestamp(const std::string& s) {
    static const char kShape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (s.size() != 20) return false;
    for (std::size_t i = 0; i < 20; ++i) {
        if (kShape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != kShape[i]) return false;
    }
    const int month = (s[5] - '0') * 10 + (s[6] - '0');
    const int day = (s[8] - '0') * 10 + (s[9] - '0');
    const int hour = (s[11] - '0') * 10 + (s[12] - '0');
    const int minute = (s[14] - '0') * 10 + (s[15] - '0');
    const int second = (s[17] - '0') * 10 + (s[18] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 60;
}

namespace {

struct RecordState {
    std::string parent;
    std::string created;
    std::set<std::string> fileKeys;
    bool deleted = false;
};

class Replayer {
public:
    explicit Replayer(ReplayReport& report) : _r(report) {}

    void line(const Line& l) {
        _line = l.number;
        if (!l.json) return fail("not a JSON object");
        if (l.op.empty()) return fail("no op");
        if (!isTimestamp(l.at)) return fail("bad at '" + l.at + "'");
        if (l.at < _lastAt) return fail("at " + l.at + " before " + _lastAt);
        _lastAt = l.at;
        if (_r.firstAt.empty()) _r.firstAt = l.at;
        _r.lastAt = l.at;
        ++_r.ops[l.op];
        if (l.op != "community") _pastCommunities = true;
        const Object::Ptr& j = l.json;
        if (l.op == "community") community(j);
        else if (l.op == "publish") publish(j, l.at);
        else if (l.op == "add" || l.op == "remove") membership(j, l.op == "add");
        else if (l.op == "bulk_add") bulkAdd(j);
        else if (l.op == "accept_request") accept(j);
        else if (l.op == "delete" || l.op == "restore") deletion(j, l.op == "delete");
        else if (l.op == "view" || l.op == "download") hit(j, l.op == "download", l.at);
        else fail("unknown op " + l.op);
    }

private:
    void fail(const std::string& what) {
        if (_r.errors.size() < 20) _r.errors.push_back("line " + std::to_string(_line) + ": " + what);
    }
    bool knownCommunity(const std::string& id) { return _communities.count(id) > 0; }
    RecordState* record(const std::string& id) {
        auto it = _records.find(id);
        return it == _records.end() ? nullptr : &it->second;
    }

    void community(const Object::Ptr& j) {
        if (_pastCommunities) fail("community after other operations");
        const auto c = obj(j, "community");
        const std::string id = str(c, "id");
        if (!isUuid(id)) fail("community id not a UUID: " + id);
        if (str(c, "slug").empty()) fail("community without slug");
        if (str(obj(c, "metadata"), "title").empty()) fail("community without metadata.title");
        const std::string vis = str(obj(c, "access"), "visibility");
        if (vis != "public" && vis != "restricted") fail("bad visibility " + vis);
        const auto cf = obj(c, "custom_fields");
        if (!cf || !cf->has("stats:dashboard_enabled") || !cf->get("stats:dashboard_enabled").isBoolean())
            fail("community without custom_fields.stats:dashboard_enabled");
        if (!_communities.insert(id).second) fail("community created twice: " + id);
        if (!_slugs.insert(str(c, "slug")).second) fail("slug used twice");
    }

    std::set<std::string> idsOf(const Array::Ptr& a, bool& ok) {
        std::set<std::string> out;
        ok = static_cast<bool>(a);
        if (!a) return out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string id = a->get(i).isString() ? a->get(i).toString() : "";
            if (!knownCommunity(id)) {
                ok = false;
                fail("unknown community '" + id + "'");
            }
            out.insert(id);
        }
        return out;
    }

    void publish(const Object::Ptr& j, const std::string& at) {
        const auto rec = obj(j, "record");
        const std::string id = str(rec, "id");
        if (id.empty()) return fail("publish without record.id");
        if (_records.count(id)) return fail("record published twice: " + id);
        const auto parent = obj(rec, "parent");
        const std::string pid = str(parent, "id");
        if (pid.empty()) return fail("publish without parent.id");
        if (str(rec, "created") != at) fail("created " + str(rec, "created") + " differs from at " + at);
        if (!obj(rec, "metadata") || !obj(rec, "access") || !rec->has("custom_fields")) fail("record lacks metadata/access/custom_fields");
        const auto files = obj(rec, "files");
        const auto entries = obj(files, "entries");
        if (!files || !files->has("enabled") || !files->get("enabled").isBoolean() || !entries)
            return fail("record without files.enabled / files.entries");
        RecordState state;
        state.parent = pid;
        state.created = at;
        const bool enabled = files->getValue<bool>("enabled");
        if (!enabled && entries->size() != 0) fail("metadata-only record with entries");
        if (enabled && entries->size() == 0) fail("record with files but no entries");
        for (const auto& name : entries->getNames()) state.fileKeys.insert(name);

        const auto versions = obj(rec, "versions");
        const int index = versions && versions->has("index") ? versions->getValue<int>("index") : 0;
        const auto communities = obj(parent, "communities");
        bool ok = true;
        std::set<std::string> stated;
        if (communities) stated = idsOf(arr(communities, "ids"), ok);
        auto it = _parentVersions.find(pid);
        if (it == _parentVersions.end()) {
            ++_r.parents;
            if (index != 1) fail("first version of a parent with versions.index " + std::to_string(index));
            if (!communities || !ok) fail("first version without parent.communities.ids");
            _parentVersions[pid] = 1;
            _parentCommunities[pid] = stated;
        } else {
            ++_r.newVersions;
            if (index != it->second + 1) fail("version index " + std::to_string(index) + " after " + std::to_string(it->second));
            it->second = index;
            if (communities) {
                if (stated != _parentCommunities[pid]) ++_r.versionCommunityChanges;
                _parentCommunities[pid] = stated;
            }
        }
        _records[id] = std::move(state);
    }

    void membership(const Object::Ptr& j, bool add) {
        RecordState* r = record(str(j, "record_id"));
        if (!r) return fail("membership op on unknown record '" + str(j, "record_id") + "'");
        bool ok = true;
        const auto ids = idsOf(arr(j, "community_ids"), ok);
        if (!ok || ids.empty()) return fail("bad community_ids");
        auto& set = _parentCommunities[r->parent];
        for (const auto& c : ids) add ? (void)set.insert(c) : (void)set.erase(c);
    }

    void bulkAdd(const Object::Ptr& j) {
        const std::string c = str(j, "community_id");
        if (!knownCommunity(c)) return fail("bulk_add to unknown community");
        const auto ids = arr(j, "record_ids");
        if (!ids || ids->size() == 0) return fail("bulk_add without record_ids");
        for (std::size_t i = 0; i < ids->size(); ++i) {
            RecordState* r = record(ids->get(i).toString());
            if (!r) return fail("bulk_add of unknown record");
            _parentCommunities[r->parent].insert(c);
        }
    }

    void accept(const Object::Ptr& j) {
        const auto req = obj(j, "request");
        const std::string type = str(req, "type");
        if (type != "community-inclusion" && type != "community-submission" && type != "community-transfer")
            fail("bad request type '" + type + "'");
        const std::string c = str(obj(req, "receiver"), "community");
        if (!knownCommunity(c)) return fail("request for unknown community");
        RecordState* r = record(str(obj(req, "topic"), "record"));
        if (!r) return fail("request for unknown record");
        _parentCommunities[r->parent].insert(c);
    }

    void deletion(const Object::Ptr& j, bool del) {
        RecordState* r = record(str(j, "record_id"));
        if (!r) return fail("delete/restore of unknown record");
        if (del && r->deleted) fail("delete of a deleted record");
        if (!del && !r->deleted) fail("restore of a live record");
        r->deleted = del;
    }

    void hit(const Object::Ptr& j, bool download, const std::string& at) {
        RecordState* r = record(str(j, "recid"));
        if (!r) return fail("hit on unknown record '" + str(j, "recid") + "'");
        if (at < r->created) fail("hit before publish");
        for (const char* key : {"session_id", "ip", "user_agent", "referrer", "country"})
            if (j->has(key) && !j->get(key).isString()) fail(std::string(key) + " is not a string");
        if (j->has("user_id") && !j->get("user_id").isString() && !j->get("user_id").isInteger())
            fail("user_id neither string nor integer");
        if (j->has("via_api") && !j->get("via_api").isBoolean()) fail("via_api not a boolean");
        const std::string country = str(j, "country");
        if (j->has("country") && (country.size() != 2 || !std::isupper(static_cast<unsigned char>(country[0])) ||
                                  !std::isupper(static_cast<unsigned char>(country[1]))))
            fail("country not ISO alpha-2: " + country);
        if (!download) {
            if (r->deleted) ++_r.viewsOfDeleted;
            return;
        }
        if (r->deleted) ++_r.downloadsOfDeleted;
        const std::string key = str(j, "file_key");
        if (key.empty()) return fail("download without file_key");
        if (!r->fileKeys.count(key)) fail("download of a key the record lacks: " + key);
        if (j->has("size") && !j->get("size").isInteger()) fail("size not an integer");
    }

    ReplayReport& _r;
    std::size_t _line = 0;
    std::string _lastAt;
    bool _pastCommunities = false;
    std::set<std::string> _communities, _slugs;
    std::map<std::string, RecordState> _records;
    std::map<std::string, int> _parentVersions;
    std::map<std::string, std::set<std::string>> _parentCommunities;
};

}  // namespace

ReplayReport replay(const Stream& stream) {
    ReplayReport report;
    Replayer r(report);
    for (const auto& l : stream.lines) r.line(l);
    return report;
}

}  // namespace statshost::demo::test
