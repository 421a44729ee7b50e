#pragma once
/// Who may see a record and who owns it: the access status (SEMANTICS §5 access right) and the
/// uploader (SEMANTICS §9.2, §10.8). Contracts: RecordData::accessStatus and RecordData::owner.
#include <optional>
#include <string>

#include <Poco/JSON/Object.h>

namespace statshost::records {

/// `access.status` (trimmed), else derived from `access` and `filesEnabled`; "" without `access`.
std::string accessStatus(const Poco::JSON::Object::Ptr& record, bool filesEnabled);

/// `parent.access.owned_by.user` (object form) or `parent.access.owned_by[0].user` (list form),
/// as text; nullopt when absent or empty. Only `user` is read (never an e-mail); a `user` that is
/// neither a string nor an integer throws RecordError.
std::optional<std::string> owner(const Poco::JSON::Object::Ptr& record);

}  // namespace statshost::records
