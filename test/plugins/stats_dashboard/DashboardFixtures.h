#pragma once
/// Hand-written aggregation documents and settings shared by the dashboard tests; every expected
/// number in the tests is computed by hand from these.
#include <string>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <rapidjson/document.h>

#include "statshost/Sources.h"

namespace statshost::test {}
namespace statshost::dashboard {
/// The dashboard test helpers live in the project's test namespace; this alias keeps the
/// `dashboard::test::` spelling valid (and unambiguous next to statshost::test).
namespace test = ::statshost::test;
}  // namespace statshost::dashboard

namespace statshost::test {

using namespace ::statshost::dashboard;


/// Record subcount resource_types; usage subcounts countries (top) and access_rights (all).
AggregationSettings fixtureSettings();

/// Record delta documents of 2025-01-06 and 2025-01-07 (community `communityId`).
std::vector<std::string> recordDeltaDocs(const std::string& communityId);
/// Record snapshot documents of 2025-03-30, 2025-03-31, 2025-04-01 (total records 2, 4, 3).
std::vector<std::string> recordSnapshotDocs(const std::string& communityId);
/// Usage delta documents of 2025-01-06 and 2025-01-08.
std::vector<std::string> usageDeltaDocs(const std::string& communityId);
/// Usage snapshot documents of 2025-01-06 (top list plain) and 2025-01-07 (top list split by_view/by_download).
std::vector<std::string> usageSnapshotDocs(const std::string& communityId);

std::vector<rapidjson::Document> parsed(const std::vector<std::string>& bodies);
/// Parses JSON text (object or array) into a Var.
Poco::Dynamic::Var parseJson(const std::string& text);
/// `[[date, value], ...]` of a DataSeries JSON as "date=value;" text, e.g. "2025-01-06=3;2025-01-07=0;".
std::string points(const Poco::Dynamic::Var& series);

}  // namespace statshost::test
