#pragma once
/// Shared by the storage suites: the database a test runs against (SQLite file or isolated PostgreSQL
/// schema) and small document helpers.
#include <memory>
#include <string>
#include <vector>

#include "statshost/Store.h"
#include "storage/Storage.h"
#include "support/TestBackends.h"
#include "support/TestEnv.h"

namespace statshost::test {

/// A document body of about `size` bytes of JSON that depends on `seed`.
std::string jsonBody(int seed, std::size_t size = 200);
Document makeDoc(const std::string& id, const std::string& community, const std::string& day,
                 const std::string& body = "");
/// Every document of `range`, in scan order.
std::vector<Document> scanAll(DocumentStore& store, const std::string& alias, const DocumentRange& range = {});
/// `json` re-serialised with sorted keys and no spacing, to compare bodies across backends.
std::string canonicalJson(const std::string& json);

}  // namespace statshost::test
