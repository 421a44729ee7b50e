#pragma once
/// Tuning knobs of one opened storage.

namespace statshost::storage {

struct StorageOptions {
    /// Maximum number of pooled database connections (each Storage has its own pool). On SQLite each
    /// connection may cache up to 32 MiB of pages.
    int poolSize = 8;
    /// How long an operation waits for a busy SQLite database or for a free pooled connection, in ms.
    int busyTimeoutMs = 10000;
};

}  // namespace statshost::storage
