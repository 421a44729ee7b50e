// Stored document bodies: zstd frames or plain JSON text (see BodyCodec.h).
#include "storage/BodyCodec.h"

#include <zstd.h>

#include <memory>

#include "statshost/Errors.h"

namespace statshost::storage {
namespace {

/// zstd level 1: JSON documents shrink ~10-20x at several hundred MB/s; higher levels cost far more CPU
/// for a few percent.
constexpr int kLevel = 1;

struct CContextFree {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DContextFree {
    void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

ZSTD_CCtx* compressionContext() {
    thread_local std::unique_ptr<ZSTD_CCtx, CContextFree> context(ZSTD_createCCtx());
    if (!context) throw StorageError("zstd: cannot create a compression context");
    return context.get();
}

ZSTD_DCtx* decompressionContext() {
    thread_local std::unique_ptr<ZSTD_DCtx, DContextFree> context(ZSTD_createDCtx());
    if (!context) throw StorageError("zstd: cannot create a decompression context");
    return context.get();
}

bool isFrame(std::string_view bytes) {
    return bytes.size() >= 4 && static_cast<unsigned char>(bytes[0]) == 0x28 &&
           static_cast<unsigned char>(bytes[1]) == 0xB5 && static_cast<unsigned char>(bytes[2]) == 0x2F &&
           static_cast<unsigned char>(bytes[3]) == 0xFD;
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string encodeBody(std::string_view json) {
    if (json.size() < kCompressFrom) return std::string(json);
    std::string frame(ZSTD_compressBound(json.size()), '\0');
    std::size_t size = ZSTD_compressCCtx(compressionContext(), frame.data(), frame.size(), json.data(), json.size(), kLevel);
    if (ZSTD_isError(size)) throw StorageError(std::string("zstd: cannot compress a document body: ") + ZSTD_getErrorName(size));
    if (size >= json.size()) return std::string(json);
    frame.resize(size);
    return frame;
}

std::string decodeBody(std::string_view stored) {
    if (!isFrame(stored)) return std::string(stored);
    unsigned long long size = ZSTD_getFrameContentSize(stored.data(), stored.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
        throw StorageError("a stored document body is a damaged zstd frame (no content size)");
    std::string json(static_cast<std::size_t>(size), '\0');
    std::size_t got = ZSTD_decompressDCtx(decompressionContext(), json.data(), json.size(), stored.data(), stored.size());
    if (ZSTD_isError(got) || got != json.size())
        throw StorageError(std::string("a stored document body is a damaged zstd frame: ") +
                           (ZSTD_isError(got) ? ZSTD_getErrorName(got) : "wrong size"));
    return json;
}

std::string byteaHex(std::string_view bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(2 + 2 * bytes.size());
    text += "\\x";
    for (char c : bytes) {
        auto b = static_cast<unsigned char>(c);
        text += digits[b >> 4];
        text += digits[b & 15];
    }
    return text;
}

std::string fromByteaHex(std::string_view text) {
    if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0)
        throw StorageError("a stored document body is not bytea hex text (bytea_output must be 'hex')");
    std::string bytes((text.size() - 2) / 2, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        int high = hexDigit(text[2 + 2 * i]), low = hexDigit(text[3 + 2 * i]);
        if (high < 0 || low < 0) throw StorageError("a stored document body holds a non-hex digit");
        bytes[i] = static_cast<char>(high << 4 | low);
    }
    return bytes;
}

}  // namespace statshost::storage
