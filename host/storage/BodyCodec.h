#pragma once
/// How document bodies are stored (schema 3): JSON text, compressed with zstd when that pays.
///
/// A stored body is either a zstd frame (it starts with the zstd magic number 28 B5 2F FD, which no JSON
/// text can start with) or the JSON text itself (short bodies, and bodies written before schema 3). Readers
/// get back exactly the bytes that were written, on both backends.
#include <string>
#include <string_view>

namespace statshost::storage {

/// The bytes to store for the JSON text `json`: a zstd frame when `json` is at least kCompressFrom bytes
/// and the frame is smaller, else `json` unchanged. Thread-safe (one compression context per thread).
std::string encodeBody(std::string_view json);
/// Appends what encodeBody(json) returns to `out` (compressing in place, without a temporary).
void appendEncodedBody(std::string& out, std::string_view json);

/// The JSON text of stored bytes written by encodeBody (or plain JSON text). Throws StorageError for a
/// damaged frame. Thread-safe.
std::string decodeBody(std::string_view stored);

/// Bodies shorter than this are stored as text: a frame would save little and cost a context call.
constexpr std::size_t kCompressFrom = 128;

/// Hex text of `bytes` with PostgreSQL's bytea prefix: `\x0a1b...` (bytea text input/output format).
std::string byteaHex(std::string_view bytes);
/// The bytes of a bytea value in hex text format (`\x...`); throws StorageError for anything else.
std::string fromByteaHex(std::string_view text);

}  // namespace statshost::storage
