#include "records/RecordAccess.h"

#include "records/JsonAccess.h"
#include "records/RecordError.h"
#include "records/RecordFields.h"

namespace statshost::records {

std::string accessStatus(const Poco::JSON::Object::Ptr& record, bool filesEnabled) {
    const auto access = objectField(record, "", "access");
    if (!access) return "";
    const auto given = trim(stringField(access, "access", "status").value_or(""));
    if (!given.empty()) return given;

    const auto embargo = objectField(access, "access", "embargo");
    if (embargo && boolField(embargo, "access.embargo", "active").value_or(false)) return "embargoed";
    const bool recordPublic = trim(stringField(access, "access", "record").value_or("public")) == "public";
    const bool filesPublic = trim(stringField(access, "access", "files").value_or("public")) == "public";
    if (recordPublic && !filesEnabled) return "metadata-only";
    if (recordPublic && filesPublic) return "open";
    return "restricted";
}

std::optional<std::string> owner(const Poco::JSON::Object::Ptr& record) {
    const auto parent = objectField(record, "", "parent");
    const auto access = parent ? objectField(parent, "parent", "access") : nullptr;
    if (!access) return std::nullopt;

    const auto ownedBy = access->get("owned_by");
    Poco::JSON::Object::Ptr holder;
    std::string field = "parent.access.owned_by";
    if (isNull(ownedBy)) return std::nullopt;
    if (auto list = asArray(ownedBy)) {
        if (list->size() == 0) return std::nullopt;
        field += "[0]";
        holder = asObject(list->get(0));
    } else {
        holder = asObject(ownedBy);
    }
    if (!holder) throw RecordError(field, "expected an object");

    const auto user = holder->get("user");
    if (isNull(user)) return std::nullopt;
    if (!isString(user) && !isInteger(user)) throw RecordError(field + ".user", "expected a string or an integer");
    return idText(user);
}

}  // namespace statshost::records
