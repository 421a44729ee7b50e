#pragma once
/// Reading Prometheus text exposition in tests.
#include <string>

namespace statshost::http::test {

/// The value of the sample whose name and labels are exactly `series` (e.g.
/// `x_total{a="b"}`); fails the current test when there is none.
double sampleValue(const std::string& text, const std::string& series);

/// Fails the current test unless every line is a HELP/TYPE comment or a well-formed sample, every
/// sample belongs to a family declared by TYPE, and every histogram's buckets are non-decreasing
/// and end in +Inf equal to its _count.
void assertValidExposition(const std::string& text);

}  // namespace statshost::http::test
