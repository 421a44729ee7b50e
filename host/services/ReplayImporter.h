#pragma once
/// Applies a REPLAY.md stream (NDJSON, one operation per line, non-decreasing `at`) through the
/// repository services, with the clock set to each line's `at`, exactly as live HTTP calls
/// would. Lines are applied in batches of `batchLines` per transaction with a savepoint per line,
/// so a bad line undoes only itself; a batch is committed before the next starts, and progress
/// counts only committed lines. With a checkpoint name, the number of the last line handled is
/// committed in the same transaction as its effects, and a later run with the same name skips
/// the lines up to it: an import killed at any point resumes exactly where its last commit ended.
///
/// Errors name the line number. Without keepGoing the first bad line stops the import (lines
/// before it stay applied, nothing after it is); with keepGoing bad lines are skipped and listed.
#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "services/RepositoryServices.h"
#include "statshost/Context.h"

namespace statshost::services {

/// Handles the usage operations (`view`, `download`) of a stream; supplied by the usage-event
/// pipeline. Called inside the line's savepoint; returns the outcome ("stored", "robot", ...);
/// throws ServiceError for a bad line.
using UsageOpHandler = std::function<std::string(ServiceTx& tx, const std::string& op,
                                                 const Poco::JSON::Object::Ptr& line, std::int64_t atMicros)>;

struct ImportOptions {
    bool keepGoing = false;
    std::size_t batchLines = 1000;
    /// `import records`: every line is a record JSON published at its own `created` time.
    bool recordsOnly = false;
    /// Resume/record progress under this name in the `import_checkpoints` table ("" = none).
    std::string checkpoint;
};

struct LineError {
    std::size_t line;
    std::string message;
};

struct ImportReport {
    std::size_t lines = 0;     ///< non-empty lines read
    std::size_t applied = 0;   ///< lines applied and committed
    std::size_t skipped = 0;   ///< lines skipped because the checkpoint was past them
    std::map<std::string, std::size_t> byOutcome;  ///< "publish:created" → count, ...
    std::vector<LineError> errors;
    bool stopped = false;      ///< stopped at an error (no keepGoing)
};

class ReplayImporter {
public:
    /// `usage` may be empty: `view`/`download` lines are then errors saying so.
    ReplayImporter(RepositoryServices& services, UsageOpHandler usage);

    /// Reads `in` to the end (or the first error without keepGoing). `onProgress` is called after
    /// each committed batch with the bytes read so far.
    ImportReport run(std::istream& in, const ImportOptions& options,
                     const std::function<void(std::uint64_t bytesRead, const ImportReport&)>& onProgress = {});

private:
    Outcome applyLine(ServiceTx& tx, const Poco::JSON::Object::Ptr& line, const std::string& op, std::int64_t at);

    RepositoryServices& _services;
    UsageOpHandler _usage;
};

}  // namespace statshost::services
