#pragma once
/// The hand-over size shared by the usage computations that emit their documents to the driver in parts
/// (UsageDeltaFamily, RecordUsageFamily): documents are handed over whenever the buffered bodies exceed
/// partBytes() (default 4 MiB, the size of the driver's write batches).
#include <cstddef>

namespace statshost::aggregators::usagestats {

class UsageParts {
public:
    std::size_t partBytes() const { return _partBytes; }
    void setPartBytes(std::size_t bytes) { _partBytes = bytes; }

protected:
    std::size_t _partBytes = std::size_t(4) << 20;
};

}  // namespace statshost::aggregators::usagestats
