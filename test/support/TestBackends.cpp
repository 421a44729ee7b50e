#include "support/TestBackends.h"

#include <iostream>
#include <stdexcept>

#include "statshost/Errors.h"

namespace statshost::test {

PostgresBackend::PostgresBackend() : _baseUrl(postgresUrl()) {
    if (_baseUrl.empty()) {
        static bool told = false;
        if (!told) std::cout << "\nPostgreSQL storage tests skipped: STATSHOST_TEST_PG not set" << std::endl;
        told = true;
        return;
    }
    _schema = uniqueName("t");
    _admin = storage::Storage::open(_baseUrl, storage::StorageOptions{2, 10000});
    _admin->database().exec("CREATE SCHEMA " + _schema);
}

PostgresBackend::~PostgresBackend() {
    if (!_admin) return;
    try {
        _admin->database().exec("DROP SCHEMA " + _schema + " CASCADE");
    } catch (const std::exception& e) {
        std::cerr << "cannot drop test schema " << _schema << ": " << e.what() << std::endl;
    }
}

std::string PostgresBackend::url() const {
    return _baseUrl + (_baseUrl.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + _schema;
}

std::int64_t scalar(storage::Database& db, const std::string& sql, const storage::SqlParams& params) {
    std::int64_t value = 0;
    bool seen = false;
    db.query(sql, params, [&](const storage::Row& row) {
        if (!seen) value = row.getInt(0);
        seen = true;
    });
    if (!seen) throw std::runtime_error("no row from: " + sql);
    return value;
}

std::string storageError(const std::function<void()>& action) {
    try {
        action();
    } catch (const StorageError& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace statshost::test
