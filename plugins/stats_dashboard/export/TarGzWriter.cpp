#include "TarGzWriter.h"

#include <memory>
#include <stdexcept>

#include <archive.h>
#include <archive_entry.h>

namespace statshost::dashboard::detail {

namespace {

la_ssize_t appendToString(struct archive*, void* target, const void* buffer, size_t length) {
    static_cast<std::string*>(target)->append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
}

}  // namespace

TarGzWriter::TarGzWriter(std::int64_t modifiedEpochSeconds) : _archive(archive_write_new()), _mtime(modifiedEpochSeconds) {
    if (_archive == nullptr) throw std::runtime_error("tar.gz export: libarchive could not allocate a writer");
    if (archive_write_add_filter_gzip(_archive) != ARCHIVE_OK) fail("enable gzip");
    if (archive_write_set_format_pax_restricted(_archive) != ARCHIVE_OK) fail("select the pax format");
    if (archive_write_set_options(_archive, "gzip:!timestamp") != ARCHIVE_OK) fail("drop the gzip timestamp");
    if (archive_write_set_bytes_in_last_block(_archive, 1) != ARCHIVE_OK) fail("disable block padding");
    if (archive_write_open(_archive, &_bytes, nullptr, appendToString, nullptr) != ARCHIVE_OK) fail("open");
}

TarGzWriter::~TarGzWriter() { archive_write_free(_archive); }

void TarGzWriter::fail(const std::string& action) {
    const char* message = archive_error_string(_archive);
    throw std::runtime_error("tar.gz export: cannot " + action + ": " + (message ? message : "unknown libarchive error"));
}

void TarGzWriter::add(const std::string& path, const std::string& content) {
    if (_finished) throw std::logic_error("tar.gz export: add() after finish()");
    std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(), archive_entry_free);
    if (!entry) throw std::runtime_error("tar.gz export: libarchive could not allocate an entry");
    archive_entry_set_pathname(entry.get(), path.c_str());
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(content.size()));
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_mtime(entry.get(), static_cast<time_t>(_mtime), 0);
    if (archive_write_header(_archive, entry.get()) != ARCHIVE_OK) fail("add " + path);
    if (!content.empty() &&
        archive_write_data(_archive, content.data(), content.size()) != static_cast<la_ssize_t>(content.size())) {
        fail("write " + path);
    }
}

std::string TarGzWriter::finish() {
    if (_finished) throw std::logic_error("tar.gz export: finish() twice");
    _finished = true;
    if (archive_write_close(_archive) != ARCHIVE_OK) fail("close");
    return std::move(_bytes);
}

}  // namespace statshost::dashboard::detail
