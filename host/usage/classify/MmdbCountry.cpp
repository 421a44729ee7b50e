#include "usage/classify/MmdbCountry.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include "statshost/Errors.h"

#ifdef STATSHOST_HAVE_MAXMINDDB
#include <maxminddb.h>
#endif

namespace statshost::usage {

#ifdef STATSHOST_HAVE_MAXMINDDB

struct MmdbCountry::Impl {
    MMDB_s db{};
    bool open = false;  ///< MMDB_open cleans up after itself when it fails; close only on success
    ~Impl() {
        if (open) MMDB_close(&db);
    }
};

MmdbCountry::MmdbCountry(const std::string& path) {
    auto impl = std::make_unique<Impl>();
    const int status = MMDB_open(path.c_str(), MMDB_MODE_MMAP, &impl->db);
    if (status != MMDB_SUCCESS) throw ConfigError(path, std::string("cannot open MaxMind DB: ") + MMDB_strerror(status));
    impl->open = true;
    _impl = std::move(impl);
}

MmdbCountry::~MmdbCountry() = default;

bool MmdbCountry::available() { return true; }

std::string MmdbCountry::find(const IpAddress& address) const {
    sockaddr_storage storage{};
    if (address.v4) {
        auto* sin = reinterpret_cast<sockaddr_in*>(&storage);
        sin->sin_family = AF_INET;
        sin->sin_addr.s_addr = htonl(address.v4Value());
    } else {
        auto* sin6 = reinterpret_cast<sockaddr_in6*>(&storage);
        sin6->sin6_family = AF_INET6;
        Uint128 v = address.value;
        for (int i = 15; i >= 0; --i) {
            sin6->sin6_addr.s6_addr[i] = static_cast<unsigned char>(v & 0xFF);
            v >>= 8;
        }
    }
    int error = MMDB_SUCCESS;
    MMDB_lookup_result_s result =
        MMDB_lookup_sockaddr(&_impl->db, reinterpret_cast<const sockaddr*>(&storage), &error);
    if (error != MMDB_SUCCESS || !result.found_entry) return "";
    MMDB_entry_data_s data{};
    if (MMDB_get_value(&result.entry, &data, "country", "iso_code", nullptr) != MMDB_SUCCESS) return "";
    if (!data.has_data || data.type != MMDB_DATA_TYPE_UTF8_STRING || data.data_size != 2) return "";
    std::string code(data.utf8_string, 2);
    for (char& c : code) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') return "";
    }
    return code;
}

#else

struct MmdbCountry::Impl {};

MmdbCountry::MmdbCountry(const std::string& path) {
    throw ConfigError(path, "this build has no libmaxminddb; .mmdb country databases are not supported");
}

MmdbCountry::~MmdbCountry() = default;

bool MmdbCountry::available() { return false; }

std::string MmdbCountry::find(const IpAddress&) const { return ""; }

#endif

}  // namespace statshost::usage
