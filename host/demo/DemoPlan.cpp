#include "demo/DemoPlan.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <unordered_set>

#include "demo/DemoTime.h"
#include "demo/Vocabulary.h"

namespace statshost::demo {

std::string scaleName(Scale scale) {
    switch (scale) {
        case Scale::Small: return "small";
        case Scale::Medium: return "medium";
        case Scale::Large: return "large";
    }
    return "small";
}

Scale parseScale(const std::string& name) {
    if (name == "small") return Scale::Small;
    if (name == "medium") return Scale::Medium;
    if (name == "large") return Scale::Large;
    throw std::invalid_argument("unknown demo scale '" + name + "' (expected small, medium or large)");
}

ScaleDefaults scaleDefaults(Scale scale) {
    switch (scale) {
        case Scale::Small: return {5, 200, 5000, 2};
        case Scale::Medium: return {50, 5000, 200000, 4};
        case Scale::Large: return {500, 100000, 5000000, 6};
    }
    return {5, 200, 5000, 2};
}

namespace detail {

std::string uuidFrom(std::uint64_t hi, std::uint64_t lo) {
    static const char kHex[] = "0123456789abcdef";
    hi = (hi & ~0xf000ULL) | 0x4000ULL;                         // version 4
    lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // RFC 4122 variant
    std::string s;
    s.reserve(36);
    for (int i = 15; i >= 0; --i) {
        s.push_back(kHex[(hi >> (i * 4)) & 15]);
        if (i == 8 || i == 4) s.push_back('-');
    }
    s.push_back('-');
    for (int i = 15; i >= 0; --i) {
        s.push_back(kHex[(lo >> (i * 4)) & 15]);
        if (i == 12) s.push_back('-');
    }
    return s;
}

namespace {

constexpr std::int64_t kDay = kSecondsPerDay;

// Relative frequency of activity per UTC hour (a global audience, peaking in European daytime).
const double kHourWeights[24] = {2, 1.5, 1.2, 1.2, 1.5, 2.5, 4, 6, 8, 9, 9.5, 9.5,
                                 9, 9, 9.5, 9.5, 9, 8, 7, 6, 5, 4, 3, 2.5};

class PidMaker {
public:
    explicit PidMaker(Rng& rng) : _rng(rng) {}
    Pid make() {
        static const char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
        for (;;) {
            Pid p{};
            std::uint64_t bits = _rng.next();
            for (int i = 0; i < 11; ++i) {
                if (i == 5) {
                    p[i] = '-';
                    continue;
                }
                p[i] = kAlphabet[bits & 31];
                bits >>= 5;
            }
            if (_used.insert(std::string(pidText(p))).second) return p;
        }
    }

private:
    Rng& _rng;
    std::unordered_set<std::string> _used;
};

std::int64_t resolveDay(const std::string& text, const char* what) {
    std::int64_t days = 0;
    if (!parseIsoDate(text, days))
        throw std::invalid_argument(std::string("demo ") + what + " must be a date YYYY-MM-DD, got '" + text + "'");
    return days;
}

std::int64_t addYears(std::int64_t day, std::int64_t years) {
    CivilDate c = civilFromDays(day);
    const std::int64_t y = c.year + years;
    const unsigned d = std::min(c.day, daysInMonth(y, c.month));
    return daysFromCivil(y, c.month, d);
}

/// A second of the day drawn from the diurnal profile.
std::int64_t secondOfDay(Rng& rng, const WeightedTable& hours) {
    // One draw per statement: the evaluation order of operands and arguments is unspecified.
    const auto hour = static_cast<std::int64_t>(hours.sample(rng));
    return hour * 3600 + static_cast<std::int64_t>(rng.below(3600));
}

std::vector<Community> makeCommunities(Rng& rng, std::size_t count) {
    const auto& topics = vocab::communityTopics();
    const auto& kinds = vocab::communityKinds();
    const auto visibility = dealDeck(rng, count, {0.92, 0.08}, count >= 2 ? 1 : 0);
    const auto dashboard = dealDeck(rng, count, {0.75, 0.25}, count >= 2 ? 1 : 0);
    std::set<std::string> slugs;
    std::vector<Community> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        Community c;
        const std::uint64_t hi = rng.next();
        c.id = uuidFrom(hi, rng.next());
        const std::size_t k = rng.below(kinds.size());
        c.title = std::string(topics[rng.below(topics.size())]) + " " + kinds[k];
        std::string slug;
        for (char ch : c.title) {
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) slug.push_back(ch);
            else if (ch >= 'A' && ch <= 'Z') slug.push_back(static_cast<char>(ch - 'A' + 'a'));
            else if (!slug.empty() && slug.back() != '-') slug.push_back('-');
        }
        std::string unique = slug;
        for (int n = 2; !slugs.insert(unique).second; ++n) unique = slug + "-" + std::to_string(n);
        if (unique != slug) c.title += " " + unique.substr(slug.size() + 1);  // "Climate Lab 2"
        c.slug = unique;
        static const char* kTypes[] = {"organization", "project", "event", "topic"};
        c.type = (k == 6 || k == 9) ? kTypes[2] : (k == 4 || k == 8) ? kTypes[1] : (k == 1 ? kTypes[3] : kTypes[0]);
        c.restricted = visibility[i] == 1;
        c.dashboardEnabled = dashboard[i] == 0;
        out.push_back(std::move(c));
    }
    return out;
}

/// Distinct community indices drawn from the Zipf weights.
std::vector<std::uint32_t> pickCommunities(Rng& rng, const WeightedTable& table, std::size_t n) {
    std::vector<std::uint32_t> out;
    for (int tries = 0; out.size() < n && tries < 50; ++tries) {
        const auto c = static_cast<std::uint32_t>(table.sample(rng));
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
    return out;
}

std::string fileKey(Rng& rng, const std::vector<FileEntry>& existing, const char* base, int type) {
    std::string stem = base;
    if (rng.chance(0.3)) stem += "_" + std::to_string(rng.between(1, 12));
    const std::string ext = type >= 0 ? std::string(".") + (type == 17 ? "tar.gz" : vocab::fileTypes()[type].ext) : "";
    std::string key = stem + ext;
    for (int n = 2;; ++n) {
        bool clash = false;
        for (const auto& f : existing) clash = clash || f.key == key;
        if (!clash) return key;
        key = stem + "_" + std::to_string(n) + ext;
    }
}

FileEntry makeFile(Rng& rng, const std::vector<FileEntry>& existing, int type, const char* base) {
    FileEntry f;
    f.type = type;
    if (type >= 0) {
        const auto& ft = vocab::fileTypes()[type];
        const double size = std::exp(ft.logSizeMean + ft.logSizeSigma * rng.normal());
        f.size = static_cast<std::uint64_t>(std::clamp(size, 120.0, 5.0e10));
        f.omitExt = rng.chance(0.04);
    } else {
        f.size = static_cast<std::uint64_t>(rng.between(300, 9000));
    }
    f.sizeAsText = rng.chance(0.03);
    f.key = fileKey(rng, existing, base, type);
    return f;
}

int pickType(Rng& rng, const std::vector<std::pair<int, double>>& table) {
    double sum = 0;
    for (const auto& e : table) sum += e.second;
    double u = rng.unit() * sum;
    for (const auto& e : table) {
        if (u < e.second) return e.first;
        u -= e.second;
    }
    return table.back().first;
}

std::vector<FileEntry> makeFiles(Rng& rng, int profile) {
    static const char* kPrimary[] = {"manuscript", "data", "source_code", "figure", "slides", "recording", "book"};
    std::vector<FileEntry> files;
    const double u = rng.unit();
    const std::size_t count = u < 0.58 ? 1 : u < 0.76 ? 2 : u < 0.86 ? 3 : u < 0.96 ? rng.between(4, 8)
                                                                                  : rng.between(9, 25);
    files.push_back(makeFile(rng, files, pickType(rng, vocab::fileProfile(profile)), kPrimary[profile]));
    const auto& bases = vocab::fileBaseNames();
    while (files.size() < count) {
        const char* base = bases[rng.below(bases.size())];
        const bool bare = std::string(base) == "README" && rng.chance(0.5);  // a key without any suffix
        const int type = bare ? -1 : pickType(rng, vocab::supplementaryFiles());
        files.push_back(makeFile(rng, files, type, base));
    }
    return files;
}

}  // namespace

Plan buildPlan(const DemoOptions& options) {
    const ScaleDefaults defaults = scaleDefaults(options.scale);
    Plan plan;
    plan.seed = options.seed;

    // ---- period --------------------------------------------------------------------------------
    std::int64_t first = 0, last = 0;
    if (!options.startDate.empty() && !options.endDate.empty()) {
        first = resolveDay(options.startDate, "start date");
        last = resolveDay(options.endDate, "end date");
    } else if (!options.startDate.empty()) {
        first = resolveDay(options.startDate, "start date");
        last = addYears(first, defaults.years) - 1;
    } else {
        last = resolveDay(options.endDate.empty() ? kDefaultEndDate : options.endDate, "end date");
        first = addYears(last, -static_cast<std::int64_t>(defaults.years)) + 1;
    }
    if (last - first < 7)
        throw std::invalid_argument("demo period must span at least 8 days (" + formatDate(first) + " .. " +
                                    formatDate(last) + ")");
    plan.firstDay = first;
    plan.dayCount = last - first + 1;
    plan.startAt = first * kDay;
    plan.endAt = (last + 1) * kDay - 1;

    const std::size_t communityCount = options.communities ? options.communities : defaults.communities;
    const std::size_t recordCount = options.records ? options.records : defaults.records;
    plan.usageEvents = options.usageEvents ? options.usageEvents : defaults.usageEvents;
    // Community lines take one second each on the first day, before any record is published.
    if (communityCount > 50000 || recordCount > 10000000)
        throw std::invalid_argument("demo sizes too large (at most 50000 communities, 10000000 records)");

    Rng rng(hashOf(options.seed, 0x706c616e));  // "plan"
    const WeightedTable hours(std::vector<double>(std::begin(kHourWeights), std::end(kHourWeights)));

    // ---- communities: Zipf sizes, index 0 biggest ----------------------------------------------
    plan.communities = makeCommunities(rng, communityCount);
    plan.communityWeights = WeightedTable(zipfWeights(communityCount, 1.1));

    // ---- publish times: a growing repository with weekly and yearly rhythm --------------------
    const std::int64_t days = plan.dayCount;
    const std::int64_t migrationDay = days >= 30 ? days * 3 / 10 : -1;  // one legacy import batch
    const std::size_t migrated = migrationDay >= 0 ? std::max<std::size_t>(3, recordCount * 3 / 100) : 0;
    const std::size_t regular = recordCount - std::min(migrated, recordCount);
    std::vector<double> dayWeight(static_cast<std::size_t>(days), 0.0);
    double weightSum = 0;
    for (std::int64_t d = 1; d < days; ++d) {  // day 0 belongs to the communities
        const std::int64_t day = first + d;
        const CivilDate c = civilFromDays(day);
        static const double kWeekday[7] = {1.0, 1.05, 1.0, 0.95, 0.85, 0.35, 0.3};
        double w = (0.3 + 1.7 * static_cast<double>(d) / static_cast<double>(days)) * kWeekday[weekdayOf(day)];
        if ((c.month == 12 && c.day >= 22) || (c.month == 1 && c.day <= 2)) w *= 0.3;
        if (c.month == 8) w *= 0.7;
        w *= std::exp(0.3 * rng.normal());
        dayWeight[static_cast<std::size_t>(d)] = w;
        weightSum += w;
    }
    std::vector<std::pair<std::int64_t, bool>> times;  // (at, migrated)
    times.reserve(recordCount);
    double cumulative = 0;
    std::size_t placed = 0;
    for (std::int64_t d = 1; d < days; ++d) {
        cumulative += dayWeight[static_cast<std::size_t>(d)];
        const auto upto = d == days - 1 ? regular
                                        : static_cast<std::size_t>(std::floor(static_cast<double>(regular) *
                                                                              cumulative / weightSum));
        for (; placed < upto; ++placed) times.emplace_back((first + d) * kDay + secondOfDay(rng, hours), false);
    }
    for (std::size_t i = 0; i < migrated && times.size() < recordCount; ++i)
        times.emplace_back((first + migrationDay) * kDay + 10 * 3600 + static_cast<std::int64_t>(i) * 3, true);
    std::sort(times.begin(), times.end());

    // ---- records and parents ---------------------------------------------------------------------
    PidMaker pids(rng);
    const auto& types = vocab::resourceTypes();
    std::vector<double> typeWeights;
    for (const auto& t : types) typeWeights.push_back(t.weight);
    const WeightedTable typeTable(typeWeights);

    plan.records.resize(times.size());
    std::vector<std::uint32_t> latestOf;  // parent -> its latest planned record
    for (std::size_t i = 0; i < times.size(); ++i) {
        Record& r = plan.records[i];
        r.at = times[i].first;
        r.migrated = times[i].second;
        r.id = pids.make();
        const bool newVersion = !r.migrated && i > 0 && rng.chance(0.17);
        if (newVersion) {
            // Preferential: a uniformly chosen earlier version, so parents with many versions gain more.
            r.parent = plan.records[rng.below(i)].parent;
            const Record& previous = plan.records[latestOf[r.parent]];
            r.version = static_cast<std::uint16_t>(previous.version + 1);
            latestOf[r.parent] = static_cast<std::uint32_t>(i);
        } else {
            Parent p;
            p.id = pids.make();
            p.firstRecord = static_cast<std::uint32_t>(i);
            p.resourceType = static_cast<std::uint16_t>(typeTable.sample(rng));
            r.parent = static_cast<std::uint32_t>(plan.parents.size());
            plan.parents.push_back(std::move(p));
            latestOf.push_back(static_cast<std::uint32_t>(i));
        }
    }

    // Parent attributes dealt from decks so that every variant occurs even at the smallest scale.
    std::vector<std::uint32_t> regularParents, migratedParents;
    for (std::uint32_t p = 0; p < plan.parents.size(); ++p)
        (plan.records[plan.parents[p].firstRecord].migrated ? migratedParents : regularParents).push_back(p);
    {
        const auto pubDates = dealDeck(rng, regularParents.size(), {60, 13, 3, 8, 7, 4, 4}, 1);
        const auto access = dealDeck(rng, regularParents.size(), {88, 5, 4, 3}, 1);
        const auto owners = dealDeck(rng, regularParents.size(), {75, 15, 7, 3}, 1);
        const auto communityCounts = dealDeck(rng, regularParents.size(), {30, 55, 11, 4}, 1);
        const auto withFiles = dealDeck(rng, regularParents.size(), {78, 22}, 1);
        for (std::size_t k = 0; k < regularParents.size(); ++k) {
            Parent& p = plan.parents[regularParents[k]];
            p.pubDate = static_cast<PubDateKind>(pubDates[k]);
            p.access = static_cast<AccessKind>(access[k]);
            p.ownerForm = static_cast<OwnerForm>(owners[k]);
            p.publishCommunities =
                communityCount ? pickCommunities(rng, plan.communityWeights, std::min<std::size_t>(communityCounts[k],
                                                                                                   communityCount))
                               : std::vector<std::uint32_t>{};
            plan.records[p.firstRecord].filesEnabled = withFiles[k] == 0;
        }
        // The legacy import: back-dated, open, all in one mid-sized community.
        const std::uint32_t importCommunity = static_cast<std::uint32_t>(std::min<std::size_t>(2, communityCount - 1));
        for (std::uint32_t idx : migratedParents) {
            Parent& p = plan.parents[idx];
            p.pubDate = rng.chance(0.5) ? PubDateKind::BackDated : PubDateKind::Year;
            p.access = AccessKind::Open;
            p.ownerForm = OwnerForm::Text;
            if (communityCount) p.publishCommunities = {importCommunity};
            plan.records[p.firstRecord].filesEnabled = true;
        }
    }
    {
        // New versions inherit the previous version's class; a few toggle it (files added or withdrawn).
        std::vector<bool> latestEnabled(plan.parents.size(), true);
        for (auto& r : plan.records) {
            if (r.version == 1) {
                latestEnabled[r.parent] = r.filesEnabled;
            } else {
                Rng toggle(hashOf(options.seed, 0x746f67, static_cast<std::uint64_t>(&r - plan.records.data())));
                r.filesEnabled = toggle.chance(0.05) ? !latestEnabled[r.parent] : latestEnabled[r.parent];
                latestEnabled[r.parent] = r.filesEnabled;
            }
        }
    }

    // Uploaders: Zipf over a shuffled id space, so the busiest uploaders have arbitrary ids.
    plan.users = static_cast<std::uint32_t>(std::max<std::size_t>(10, recordCount / 2));
    {
        std::vector<std::uint32_t> ids(plan.users);
        for (std::uint32_t i = 0; i < plan.users; ++i) ids[i] = i + 1;
        rng.shuffle(ids);
        const WeightedTable uploaderTable(zipfWeights(plan.users, 0.85));
        for (auto& p : plan.parents) p.owner = p.ownerForm == OwnerForm::None ? 0 : ids[uploaderTable.sample(rng)];
    }

    // Version communities: how each new version states its parent's communities.
    {
        std::vector<std::uint32_t> newVersions;
        for (std::uint32_t i = 0; i < plan.records.size(); ++i)
            if (plan.records[i].version > 1) newVersions.push_back(i);
        const auto modes = dealDeck(rng, newVersions.size(), {55, 22, 17, 6}, newVersions.size() >= 4 ? 1 : 0);
        for (std::size_t k = 0; k < newVersions.size(); ++k)
            plan.records[newVersions[k]].communities = static_cast<VersionCommunities>(modes[k]);
    }

    // Files and popularity.
    {
        std::vector<std::int64_t> latest(plan.parents.size(), -1);
        for (std::uint32_t i = 0; i < plan.records.size(); ++i) {
            Record& r = plan.records[i];
            Rng frng(hashOf(options.seed, 0x66696c65, i));  // "file"
            const int profile = types[plan.parents[r.parent].resourceType].profile;
            const std::int64_t prev = latest[r.parent];
            if (r.filesEnabled) {
                if (prev >= 0 && !plan.records[prev].files.empty()) {
                    r.files = plan.records[prev].files;  // a new version: same files, some updated
                    if (frng.chance(0.5)) {
                        FileEntry& f = r.files[frng.below(r.files.size())];
                        f.size = static_cast<std::uint64_t>(static_cast<double>(f.size) * (0.8 + 0.5 * frng.unit())) + 1;
                    }
                    if (frng.chance(0.25)) {
                        const auto& bases = vocab::fileBaseNames();
                        const int type = pickType(frng, vocab::supplementaryFiles());
                        r.files.push_back(makeFile(frng, r.files, type, bases[frng.below(bases.size())]));
                    }
                } else {
                    r.files = makeFiles(frng, profile);
                }
            }
            if (r.version == 1) {
                double pop = 1000.0 * frng.pareto(1.15);
                if (r.migrated) pop *= 0.3;
                if (!r.filesEnabled) pop *= 0.5;
                r.popularity = static_cast<std::uint64_t>(std::min(pop, 2.0e7));
            } else {
                const double base = static_cast<double>(plan.records[plan.parents[r.parent].firstRecord].popularity);
                r.popularity = static_cast<std::uint64_t>(base * (0.4 + 0.8 * frng.unit())) + 1;
            }
            latest[r.parent] = i;
        }
    }

    // ---- lifecycle operations ---------------------------------------------------------------
    std::uint32_t seq = 0;
    for (std::uint32_t i = 0; i < plan.records.size(); ++i)
        plan.ops.push_back({plan.records[i].at, seq++, OpKind::Publish, i, 0});

    const std::int64_t endAt = plan.endAt;
    auto later = [&](std::int64_t from, double meanDays) {
        const auto delay = static_cast<std::int64_t>(rng.exponential(meanDays * kDay));
        return std::min(endAt, from + 60 + delay);
    };
    // Parents old enough to have a history after their first publish.
    std::vector<std::uint32_t> settled, settledInCommunity;
    for (std::uint32_t p = 0; p < plan.parents.size(); ++p) {
        const Record& r = plan.records[plan.parents[p].firstRecord];
        if (r.migrated || r.at >= endAt - 30 * kDay) continue;
        settled.push_back(p);
        if (!plan.parents[p].publishCommunities.empty()) settledInCommunity.push_back(p);
    }
    auto choose = [&](std::vector<std::uint32_t>& from, std::size_t n) {
        rng.shuffle(from);
        return std::vector<std::uint32_t>(from.begin(), from.begin() + static_cast<std::ptrdiff_t>(std::min(n, from.size())));
    };
    auto share = [&](double fraction, std::size_t minimum) {
        return std::max<std::size_t>(minimum, static_cast<std::size_t>(std::llround(fraction * plan.parents.size())));
    };
    if (communityCount > 0) {
        // Submission: the first community arrives by an accepted submission request shortly after.
        for (std::uint32_t p : choose(settledInCommunity, share(0.06, 1))) {
            Parent& parent = plan.parents[p];
            const std::uint32_t c = parent.publishCommunities.front();
            parent.publishCommunities.erase(parent.publishCommunities.begin());
            const Record& r = plan.records[parent.firstRecord];
            plan.ops.push_back({std::min(endAt, r.at + rng.between(30, 2 * kDay)), seq++, OpKind::AcceptSubmission,
                                parent.firstRecord, c});
        }
        settledInCommunity.clear();
        for (std::uint32_t p : settled)
            if (!plan.parents[p].publishCommunities.empty()) settledInCommunity.push_back(p);
        for (std::uint32_t p : choose(settled, share(0.04, 1))) {
            const Record& r = plan.records[plan.parents[p].firstRecord];
            plan.ops.push_back({later(r.at, 90), seq++, OpKind::AcceptInclusion, plan.parents[p].firstRecord, 0});
        }
        for (std::uint32_t p : choose(settled, share(0.04, 1))) {
            const Record& r = plan.records[plan.parents[p].firstRecord];
            plan.ops.push_back({later(r.at, 120), seq++, OpKind::Add, plan.parents[p].firstRecord, 0});
        }
        for (std::uint32_t p : choose(settledInCommunity, share(0.03, 1))) {
            const Record& r = plan.records[plan.parents[p].firstRecord];
            plan.ops.push_back({later(r.at, 150), seq++, OpKind::Remove, plan.parents[p].firstRecord, 0});
        }
        for (std::uint32_t p : choose(settledInCommunity, share(0.01, 1))) {
            const Record& r = plan.records[plan.parents[p].firstRecord];
            plan.ops.push_back({later(r.at, 120), seq++, OpKind::AcceptTransfer, plan.parents[p].firstRecord, 0});
        }
        // Curators harvesting existing records into their community.
        const std::size_t bulk = std::max<std::size_t>(2, recordCount / 250);
        const std::int64_t bulkFrom = plan.startAt + days * kDay / 6;
        for (std::size_t k = 0; k < bulk; ++k) {
            const std::int64_t at = bulkFrom + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(endAt - bulkFrom)));
            const auto wanted = static_cast<std::uint32_t>(2 + std::min(28.0, std::floor(2.0 * (rng.pareto(1.3) - 1.0))));
            plan.ops.push_back({at, seq++, OpKind::BulkAdd, wanted,
                                static_cast<std::uint32_t>(plan.communityWeights.sample(rng))});
        }
    }
    // Deletions (tombstones) of individual versions, some restored later.
    {
        std::vector<std::uint32_t> deletable;
        for (std::uint32_t i = 0; i < plan.records.size(); ++i)
            if (plan.records[i].at < endAt - 20 * kDay) deletable.push_back(i);
        const std::size_t count =
            std::max<std::size_t>(3, static_cast<std::size_t>(std::llround(0.015 * plan.records.size())));
        const auto victims = choose(deletable, count);
        const std::size_t restored = std::max<std::size_t>(2, static_cast<std::size_t>(std::llround(0.4 * victims.size())));
        for (std::size_t k = 0; k < victims.size(); ++k) {
            const Record& r = plan.records[victims[k]];
            const std::int64_t at = std::min(endAt - 10 * kDay, r.at + 120 + static_cast<std::int64_t>(rng.exponential(45.0 * kDay)));
            plan.ops.push_back({at, seq++, OpKind::Delete, victims[k], 0});
            if (k < restored)
                plan.ops.push_back({std::min(endAt, at + rng.between(3600, 40 * kDay)), seq++, OpKind::Restore,
                                    victims[k], 0});
        }
    }
    std::sort(plan.ops.begin(), plan.ops.end(), [](const LifeOp& a, const LifeOp& b) {
        return a.at != b.at ? a.at < b.at : a.seq < b.seq;
    });
    return plan;
}

}  // namespace detail
}  // namespace statshost::demo
