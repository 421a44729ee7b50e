#pragma once
/// Comparing stored documents (dense reads of each family's alias) with the reference and with
/// another store. A mismatch is reported once, the first found (families in families() order,
/// communities sorted, days ascending, paths sorted), as
///   "<alias> community <id> day <YYYY-MM-DD>: <path>: expected <x>, actual <y>".
#include <cstdint>
#include <string>
#include <vector>

#include "ReferenceDocuments.h"
#include "statshost/Store.h"

namespace statshost::test::reference {

struct CheckOutcome {
    std::string mismatch;        ///< "" when everything matched
    std::uint64_t documents = 0;  ///< documents compared
};

/// Every family, every community of reference.communities(), every day through asOfDay (day number).
CheckOutcome compareWithReference(DocumentStore& store, const Reference& reference, std::int64_t asOfDay);

/// The dense documents of every family and community in `communities` of `a` and `b` are equal
/// (`timestamp` aside; "expected" is `a`).
CheckOutcome compareStores(DocumentStore& a, DocumentStore& b, const std::vector<std::string>& communities);

}  // namespace statshost::test::reference
