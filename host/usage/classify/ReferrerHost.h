#pragma once
/// The referrer id of a usage event (SEMANTICS.md §6.5, §10.10).
#include <string>
#include <string_view>

namespace statshost::usage {

/// The host of an absolute URL `scheme://[userinfo@]host[:port][/?#…]`, lower-cased (ASCII), without
/// user info, port, IPv6 brackets or trailing dots; `www.` is kept. Surrounding white space is
/// ignored. Returns "" (no referrer) when the URL is empty, has no scheme (`//host/…`, `host/…`),
/// has no authority (`mailto:…`), has an empty host, a non-numeric port, an unclosed or invalid
/// IPv6 literal, a host with characters outside [A-Za-z0-9-._~] and non-ASCII bytes (spaces,
/// `%`, `<`, …), or a host longer than 253 characters. Never throws.
/// Examples: "https://User:pw@WWW.Example.ORG.:8443/a?b" → "www.example.org";
/// "http://[2001:DB8::1]:80/" → "2001:db8::1"; "example.org/x" → "".
std::string referrerHost(std::string_view url);

}  // namespace statshost::usage
