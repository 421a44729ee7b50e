#pragma once
/// Country by IP address from a MaxMind DB file (GeoLite2-Country, DB-IP Lite Country, …) through
/// libmaxminddb: the record's `country.iso_code`, as invenio-stats reads it. Available only when
/// the build found libmaxminddb (STATSHOST_HAVE_MAXMINDDB); otherwise opening throws.
#include <memory>
#include <string>

#include "usage/classify/IpAddress.h"

namespace statshost::usage {

class MmdbCountry {
public:
    /// Opens (memory-maps) `path`. Throws statshost::ConfigError(path, …) when it cannot be opened,
    /// is not a MaxMind DB, or libmaxminddb is not compiled in.
    explicit MmdbCountry(const std::string& path);
    ~MmdbCountry();
    MmdbCountry(const MmdbCountry&) = delete;
    MmdbCountry& operator=(const MmdbCountry&) = delete;

    /// Upper-case alpha-2 code of `address`, or "" when the database has none (or the lookup
    /// fails, e.g. IPv6 in an IPv4-only database). Thread-safe.
    std::string find(const IpAddress& address) const;

    /// True when this build can read .mmdb files.
    static bool available();

private:
    struct Impl;
    std::unique_ptr<Impl> _impl;
};

}  // namespace statshost::usage
