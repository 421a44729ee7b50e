#pragma once
/// A CommunityDirectory that remembers what the repository's directory answered for at most
/// `maxAge`, so the permission check of a warm answer does not touch the database. A change of a
/// community (visibility, dashboard switch, slug) takes effect at the latest `maxAge` after it was
/// written; unknown names are remembered too (a 404 stays a 404 for at most `maxAge`; at most
/// 10000 names are kept). `maxAge` 0 passes every call through. all() is never cached. Thread safe.
#include <chrono>
#include <optional>
#include <string>

#include "TimedMemo.h"
#include "statshost/Blueprint.h"

namespace statshost::dashboard {

class CommunityCache : public CommunityDirectory {
public:
    CommunityCache(CommunityDirectory& directory, std::chrono::milliseconds maxAge)
        : _directory(directory), _memo(maxAge, 10000) {}

    std::optional<CommunityAccess> find(const std::string& idOrSlug) override {
        return _memo.get(idOrSlug, [&] { return _directory.find(idOrSlug); });
    }
    std::vector<CommunityAccess> all() override { return _directory.all(); }

    /// Forgets every remembered answer.
    void forget() { _memo.forget(); }

private:
    CommunityDirectory& _directory;
    TimedMemo<std::optional<CommunityAccess>> _memo;
};

}  // namespace statshost::dashboard
