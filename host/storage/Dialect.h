#pragma once
/// The SQL dialects the storage layer speaks.
#include <string>

namespace statshost::storage {

enum class Dialect { SQLite, PostgreSQL };

/// "sqlite" or "postgresql" (the names `statshost status` shows).
inline std::string dialectName(Dialect dialect) {
    return dialect == Dialect::SQLite ? "sqlite" : "postgresql";
}

}  // namespace statshost::storage
