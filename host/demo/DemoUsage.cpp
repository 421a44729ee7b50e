#include "demo/DemoUsage.h"

#include <algorithm>
#include <cmath>

#include "demo/DemoRecordJson.h"
#include "demo/JsonWriter.h"
#include "demo/Vocabulary.h"

namespace statshost::demo::detail {

namespace {

constexpr std::int64_t kDay = kSecondsPerDay;

// Share of hits per visitor kind: Human, Crawler, Script, Machine, Api.
const std::vector<double> kKindWeights = {0.935, 0.025, 0.02, 0.008, 0.012};
// Probability that a hit on a record with files is a download, per visitor kind.
const double kDownloadShare[5] = {0.42, 0.05, 0.75, 0.85, 0.3};
// Usage per UTC hour.
const std::vector<double> kHourWeights = {2, 1.5, 1.2, 1.2, 1.5, 2.5, 4, 6, 8, 9, 9.5, 9.5,
                                          9, 9, 9.5, 9.5, 9, 8, 7, 6, 5, 4, 3, 2.5};
// Monday .. Sunday.
const double kWeekday[7] = {1.0, 1.03, 1.0, 0.97, 0.85, 0.5, 0.48};

const char* const kIpv4Prefixes[3] = {"192.0.2.", "198.51.100.", "203.0.113."};

void appendHex(std::string& out, std::uint64_t v, bool trimZeros, int digits) {
    static const char kHex[] = "0123456789abcdef";
    char buf[16];
    for (int i = digits - 1; i >= 0; --i, v >>= 4) buf[i] = kHex[v & 15];
    int start = 0;
    if (trimZeros)
        while (start < digits - 1 && buf[start] == '0') ++start;
    out.append(buf + start, static_cast<std::size_t>(digits - start));
}

void appendUnsigned(std::string& out, std::uint64_t v) {
    char buf[24];
    char* p = buf + sizeof buf;
    do {
        *--p = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

}  // namespace

UsageModel::UsageModel(const Plan& plan)
    : _plan(plan),
      _rng(hashOf(plan.seed, 0x7573616765)),  // "usage"
      _kinds(kKindWeights),
      _hours(kHourWeights),
      _popularity(plan.records.size()),
      _deleted(plan.records.size(), false) {
    {
        std::vector<double> w;
        for (const auto& c : vocab::countries()) w.push_back(c.weight);
        _countries = WeightedTable(w);
        w.clear();
        for (const auto& b : vocab::browserAgents()) w.push_back(b.weight);
        _browsers = WeightedTable(w);
    }

    // Daily volume: grows with the number of published records, weekly and yearly rhythm, noise,
    // and a few spike days (a record shared widely).
    const auto days = static_cast<std::size_t>(plan.dayCount);
    std::vector<double> intensity(days, 0.0);
    double total = 0;
    std::size_t published = 0;
    for (std::size_t d = 0; d < days; ++d) {
        const std::int64_t dayStart = plan.startAt + static_cast<std::int64_t>(d) * kDay;
        while (published < plan.records.size() && plan.records[published].at < dayStart) ++published;
        const std::int64_t day = plan.firstDay + static_cast<std::int64_t>(d);
        const CivilDate c = civilFromDays(day);
        double w = std::pow(static_cast<double>(published), 0.85) * kWeekday[weekdayOf(day)];
        if ((c.month == 12 && c.day >= 20) || (c.month == 1 && c.day <= 3)) w *= 0.6;
        else if (c.month == 8) w *= 0.8;
        else if (c.month == 7) w *= 0.9;
        w *= std::exp(0.18 * _rng.normal());
        if (_rng.chance(0.01)) w *= 2.5;
        intensity[d] = w;
        total += w;
    }
    _daily.assign(days, 0);
    if (total > 0) {
        double cumulative = 0;
        std::uint64_t assigned = 0;
        for (std::size_t d = 0; d < days; ++d) {
            cumulative += intensity[d];
            const auto upto = d + 1 == days ? plan.usageEvents
                                            : static_cast<std::uint64_t>(std::floor(
                                                  static_cast<double>(plan.usageEvents) * cumulative / total));
            const std::uint64_t bounded = std::max(assigned, std::min(upto, plan.usageEvents));
            _daily[d] = bounded - assigned;
            assigned = bounded;
        }
    }

    {
        auto quoted = [](const char* agent) {
            std::string s;
            appendJsonString(s, agent);
            return s;
        };
        _agentJson.resize(5);
        for (const auto& a : vocab::browserAgents()) _agentJson[0].push_back(quoted(a.id));
        for (const char* a : vocab::crawlerAgents()) _agentJson[1].push_back(quoted(a));
        for (const char* a : vocab::scriptAgents()) _agentJson[2].push_back(quoted(a));
        for (const char* a : vocab::machineAgents()) _agentJson[3].push_back(quoted(a));
        for (const char* a : vocab::apiAgents()) _agentJson[4].push_back(quoted(a));
    }

    // Visitors: pools per kind, most active first (Zipf activity).
    const std::uint64_t humans = std::max<std::uint64_t>(40, plan.usageEvents / 8);
    const std::uint64_t poolSizes[5] = {humans, 5 + humans / 20000, 6 + humans / 5000, 5 + humans / 10000,
                                        4 + humans / 2000};
    const double poolExponent[5] = {0.8, 0.5, 1.0, 1.0, 1.0};
    const auto& countries = vocab::countries();
    std::uint32_t usCountry = 0;
    for (std::uint32_t i = 0; i < countries.size(); ++i)
        if (std::string(countries[i].code) == "US") usCountry = i;
    _pools.resize(5);
    for (int k = 0; k < 5; ++k) {
        const auto kind = static_cast<VisitorKind>(k);
        for (std::uint64_t j = 0; j < poolSizes[k]; ++j) {
            Visitor v;
            v.kind = kind;
            v.address = _rng.next();
            v.ipv6 = _rng.chance(kind == VisitorKind::Human ? 0.3 : 0.15);
            switch (kind) {
                case VisitorKind::Human:
                    if (_rng.chance(0.003)) {  // nothing identifies this visitor at all
                        v.hasAgent = v.hasIp = false;
                        break;
                    }
                    v.agent = static_cast<std::uint8_t>(_browsers.sample(_rng));
                    v.hasAgent = !_rng.chance(0.008);
                    v.hasIp = !_rng.chance(0.007);
                    if (_rng.chance(0.12)) {
                        v.user = static_cast<std::uint32_t>(_rng.between(1, plan.users));
                        v.numericUser = _rng.chance(0.2);
                    }
                    v.hasSession = _rng.chance(0.55);
                    v.hasCountry = _rng.chance(0.5);
                    v.country = static_cast<std::uint8_t>(_countries.sample(_rng));
                    break;
                case VisitorKind::Crawler:
                    v.agent = static_cast<std::uint8_t>(j % vocab::crawlerAgents().size());
                    v.hasCountry = _rng.chance(0.3);
                    v.country = static_cast<std::uint8_t>(usCountry);
                    break;
                case VisitorKind::Script:
                    v.agent = static_cast<std::uint8_t>(j % vocab::scriptAgents().size());
                    v.hasCountry = _rng.chance(0.2);
                    v.country = static_cast<std::uint8_t>(_countries.sample(_rng));
                    if (_rng.chance(0.1)) v.user = static_cast<std::uint32_t>(_rng.between(1, plan.users));
                    break;
                case VisitorKind::Machine:
                    v.agent = static_cast<std::uint8_t>(j % vocab::machineAgents().size());
                    v.hasCountry = _rng.chance(0.3);
                    v.country = static_cast<std::uint8_t>(_countries.sample(_rng));
                    break;
                case VisitorKind::Api:
                    v.agent = static_cast<std::uint8_t>(j % vocab::apiAgents().size());
                    v.hasCountry = _rng.chance(0.3);
                    v.country = static_cast<std::uint8_t>(_countries.sample(_rng));
                    if (_rng.chance(0.5)) v.user = static_cast<std::uint32_t>(_rng.between(1, plan.users));
                    break;
            }
            _pools[static_cast<std::size_t>(k)].push_back(static_cast<std::uint32_t>(_visitors.size()));
            _visitors.push_back(v);
        }
        _poolWeights.emplace_back(zipfWeights(poolSizes[k], poolExponent[k]));
    }
}

std::uint32_t UsageModel::pickVisitor(VisitorKind kind) {
    const auto k = static_cast<std::size_t>(kind);
    return _pools[k][_poolWeights[k].sample(_rng)];
}

void UsageModel::activateBefore(std::int64_t instant) {
    while (_active < _plan.records.size() && _plan.records[_active].at < instant) {
        const Record& r = _plan.records[_active];
        _popularity.set(_active, _deleted[_active] ? std::max<std::uint64_t>(1, r.popularity / 20) : r.popularity);
        ++_active;
    }
}

void UsageModel::setDeleted(std::uint32_t record, bool deleted) {
    _deleted[record] = deleted;
    if (record < _active) {
        const std::uint64_t p = _plan.records[record].popularity;
        _popularity.set(record, deleted ? std::max<std::uint64_t>(1, p / 20) : p);
    }
}

void UsageModel::generateDay(std::int64_t d, std::vector<UsageEvent>& out) {
    out.clear();
    const std::uint64_t n = _daily[static_cast<std::size_t>(d)];
    if (n == 0 || _active == 0) return;
    const std::int64_t dayStart = _plan.startAt + d * kDay;
    const std::int64_t dayEnd = dayStart + kDay;
    const std::uint32_t window = std::clamp<std::uint32_t>(_active / 30, 1, 2000);
    const std::size_t googleVariants = 1 + vocab::searchQueries().size();
    while (out.size() < n) {
        UsageEvent e;
        const auto kind = static_cast<VisitorKind>(_kinds.sample(_rng));
        e.visitor = pickVisitor(kind);
        if (kind == VisitorKind::Crawler) e.record = static_cast<std::uint32_t>(_rng.below(_active));
        else if (_rng.chance(0.12)) e.record = _active - 1 - static_cast<std::uint32_t>(_rng.below(window));
        else e.record = static_cast<std::uint32_t>(_popularity.sample(_rng));
        const Record& r = _plan.records[e.record];
        e.download = r.filesEnabled && !r.files.empty() && _rng.chance(kDownloadShare[static_cast<int>(kind)]);
        if (e.download) {
            e.file = r.files.size() == 1 || _rng.chance(0.6) ? 0 : static_cast<std::uint8_t>(_rng.below(std::min<std::size_t>(r.files.size(), 255)));
            e.withSize = _rng.chance(0.35);
            e.withFileId = _rng.chance(0.1);
        } else if (kind == VisitorKind::Api) {
            e.viaApi = _rng.chance(0.9);
        }
        if (kind == VisitorKind::Human) {
            const double u = _rng.unit();
            if (e.download) {
                if (u < 0.6) e.referrer = Referrer::RecordPage;
            } else if (u < 0.33) {
                e.referrer = Referrer::Google;
                e.referrerDetail = _rng.chance(0.7) ? 0 : static_cast<std::uint8_t>(_rng.below(googleVariants));
            } else if (u < 0.44) {
                e.referrer = Referrer::Scholar;
                e.referrerDetail = _rng.chance(0.5) ? 0 : static_cast<std::uint8_t>(_rng.below(googleVariants));
            } else if (u < 0.49) {
                e.referrer = Referrer::Other;
                e.referrerDetail = static_cast<std::uint8_t>(_rng.below(vocab::otherReferrers().size()));
            }
        }
        const auto hour = static_cast<std::int64_t>(_hours.sample(_rng));  // one draw per statement
        e.at = dayStart + hour * 3600 + static_cast<std::int64_t>(_rng.below(3600));
        e.seq = _seq++;
        out.push_back(e);
        // Double clicks: the same visitor hitting the same thing again within seconds, mostly
        // inside one 10-second bucket.
        if (kind == VisitorKind::Human && out.size() < n && _rng.chance(0.035)) {
            const std::int64_t inBucket = e.at % 10;
            const std::int64_t dt = inBucket <= 8 && _rng.chance(0.8) ? _rng.between(1, 9 - inBucket) : _rng.between(1, 6);
            UsageEvent again = e;
            again.at = std::min(e.at + dt, dayEnd - 1);
            again.seq = _seq++;
            out.push_back(again);
        }
    }
    std::sort(out.begin(), out.end(), [](const UsageEvent& a, const UsageEvent& b) {
        return a.at != b.at ? a.at < b.at : a.seq < b.seq;
    });
}

void UsageModel::appendIp(std::string& out, const Visitor& v) const {
    if (!v.ipv6) {
        out += kIpv4Prefixes[v.address % 3];
        appendUnsigned(out, 1 + (v.address >> 8) % 254);
        return;
    }
    // 2001:db8::/32 (documentation prefix): 2001:db8:<g3>:<g4>::<g8>
    out += "2001:db8:";
    appendHex(out, (v.address >> 16) & 0xffff, true, 4);
    out += ':';
    appendHex(out, (v.address >> 32) & 0xffff, true, 4);
    out += "::";
    appendHex(out, 1 + ((v.address >> 48) % 0xfffe), true, 4);
}

void UsageModel::appendSession(std::string& out, std::uint32_t visitor, std::int64_t day) const {
    const std::uint64_t h = hashOf(_plan.seed, 0x73657373, (static_cast<std::uint64_t>(visitor) << 24) ^
                                                               static_cast<std::uint64_t>(day));
    appendHex(out, h, false, 16);
    appendHex(out, mix64(h), false, 16);
}

bool UsageModel::writeLine(std::string& buf, TimestampFormatter& time, const UsageEvent& e, bool recordDeleted) {
    const Record& r = _plan.records[e.record];
    const Visitor& v = _visitors[e.visitor];
    const bool download = e.download && !recordDeleted;
    buf += download ? "{\"op\":\"download\",\"at\":\"" : "{\"op\":\"view\",\"at\":\"";
    time.append(buf, e.at);
    buf += "\",\"recid\":\"";
    buf.append(r.id.data(), r.id.size());
    buf += '"';
    if (v.user) {
        buf += ",\"user_id\":";
        if (!v.numericUser) buf += '"';
        appendUnsigned(buf, v.user);
        if (!v.numericUser) buf += '"';
    }
    if (v.hasSession) {
        buf += ",\"session_id\":\"";
        appendSession(buf, e.visitor, e.at / kDay);
        buf += '"';
    }
    if (v.hasIp) {
        buf += ",\"ip\":\"";
        appendIp(buf, v);
        buf += '"';
    }
    if (v.hasAgent) {
        buf += ",\"user_agent\":";
        buf += _agentJson[static_cast<std::size_t>(v.kind)][v.agent];
    }
    if (e.referrer != Referrer::None) {
        buf += ",\"referrer\":\"";
        const auto& queries = vocab::searchQueries();
        switch (e.referrer) {
            case Referrer::Google:
                if (e.referrerDetail == 0) {
                    buf += (e.seq % 10 == 0) ? "https://www.google.de/" : "https://www.google.com/";
                } else {
                    buf += "https://www.google.com/search?q=";
                    buf += queries[e.referrerDetail - 1];
                }
                break;
            case Referrer::Scholar:
                if (e.referrerDetail == 0) {
                    buf += "https://scholar.google.com/";
                } else {
                    buf += "https://scholar.google.com/scholar?hl=en&q=";
                    buf += queries[e.referrerDetail - 1];
                }
                break;
            case Referrer::Other: buf += vocab::otherReferrers()[e.referrerDetail]; break;
            case Referrer::RecordPage:
                buf += kSiteUrl;
                buf += "/records/";
                buf.append(r.id.data(), r.id.size());
                break;
            case Referrer::None: break;
        }
        buf += '"';
    }
    if (v.hasCountry) {
        buf += ",\"country\":\"";
        buf += vocab::countries()[v.country].code;
        buf += '"';
    }
    if (e.viaApi && !download) buf += ",\"via_api\":true";
    if (download) {
        const FileEntry& f = r.files[e.file];
        buf += ",\"file_key\":";
        appendJsonString(buf, f.key);
        if (e.withFileId) {
            buf += ",\"file_id\":\"";
            buf += fileId(_plan, e.record, e.file);
            buf += '"';
        }
        if (e.withSize) {
            buf += ",\"size\":";
            appendUnsigned(buf, f.size);
        }
    }
    buf += "}\n";
    return download;
}

}  // namespace statshost::demo::detail
