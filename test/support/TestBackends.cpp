#include "support/TestBackends.h"

#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>
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

std::unique_ptr<TestBackend> freshBackendLike(const TestBackend& backend) {
    if (dynamic_cast<const SqliteBackend*>(&backend)) return std::make_unique<SqliteBackend>();
    return std::make_unique<PostgresBackend>();
}

std::vector<std::string> raceOnSeparateStores(const TestBackend& backend, int racers,
                                              const std::function<void(int, storage::Storage&)>& body) {
    std::vector<std::unique_ptr<storage::Storage>> stores;
    for (int i = 0; i < racers; ++i) stores.push_back(backend.open());
    std::mutex mutex;
    std::condition_variable start;
    bool go = false;
    std::vector<std::string> errors(racers);
    std::vector<std::thread> threads;
    for (int i = 0; i < racers; ++i)
        threads.emplace_back([&, i] {
            {
                std::unique_lock<std::mutex> lock(mutex);
                start.wait(lock, [&] { return go; });
            }
            try {
                body(i, *stores[i]);
            } catch (const std::exception& e) {
                errors[i] = e.what();
            }
        });
    {
        std::lock_guard<std::mutex> lock(mutex);
        go = true;
    }
    start.notify_all();
    for (auto& thread : threads) thread.join();
    return errors;
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
