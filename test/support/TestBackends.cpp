#include "support/TestBackends.h"

#include <iostream>

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

}  // namespace statshost::test
