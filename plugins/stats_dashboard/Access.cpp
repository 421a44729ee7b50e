#include "Access.h"

#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

AccessDecision refuse(int status, std::string message) {
    AccessDecision d;
    d.status = status;
    d.message = std::move(message);
    return d;
}

}  // namespace

bool dashboardEnabled(const CommunityAccess& community, const AccessPolicy& policy) {
    return policy.enabledCommunity && (!policy.communityOptIn || community.dashboardEnabled);
}

AccessDecision decideAccess(const std::string& requested, const std::optional<CommunityAccess>& found,
                            const Caller& caller, const AccessPolicy& policy) {
    const bool admin = caller.hasScope("admin");
    if (requested == "global") {
        if (!policy.enabledGlobal && !admin) return refuse(404, "the global statistics dashboard is not enabled");
        AccessDecision d;
        d.communityId = "global";
        return d;
    }
    if (!found) return refuse(404, "community '" + requested + "' not found");
    if (!admin) {
        if (found->visibility != "public" && !caller.hasScope("read-restricted")) {
            if (caller.anonymous()) return refuse(404, "community '" + requested + "' not found");
            return refuse(403, "community '" + requested + "' is restricted: the token needs scope 'read-restricted'");
        }
        if (!dashboardEnabled(*found, policy))
            return refuse(404, "the statistics dashboard of community '" + requested + "' is not enabled");
    }
    AccessDecision d;
    d.communityId = found->id;
    d.community = found;
    return d;
}

AccessDecision checkAccess(CommunityDirectory& directory, const std::string& requested, const Caller& caller,
                           const AccessPolicy& policy) {
    std::optional<CommunityAccess> found;
    if (requested != "global") found = directory.find(requested);
    return decideAccess(requested, found, caller, policy);
}

AccessDecision requireAccess(CommunityDirectory& directory, const std::string& requested, const Caller& caller,
                             const AccessPolicy& policy) {
    AccessDecision d = checkAccess(directory, requested, caller, policy);
    if (!d.allowed()) throw HttpError(d.status, d.message);
    return d;
}

}  // namespace statshost::dashboard
