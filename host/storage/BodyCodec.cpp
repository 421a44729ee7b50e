// Stored document bodies: zstd frames or plain JSON text (see BodyCodec.h).
#include "storage/BodyCodec.h"

#include <zstd.h>

#include <memory>

#include "statshost/Errors.h"
#include "storage/HexDigits.h"

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

}  // namespace

void appendEncodedBody(std::string& out, std::string_view json) {
    const std::size_t start = out.size();
    if (json.size() >= kCompressFrom) {
        out.resize(start + ZSTD_compressBound(json.size()));
        std::size_t size = ZSTD_compressCCtx(compressionContext(), out.data() + start, out.size() - start, json.data(),
                                             json.size(), kLevel);
        if (ZSTD_isError(size)) {
            out.resize(start);
            throw StorageError(std::string("zstd: cannot compress a document body: ") + ZSTD_getErrorName(size));
        }
        if (size < json.size()) {
            out.resize(start + size);
            return;
        }
        out.resize(start);  // the frame would not be smaller: store the text
    }
    out.append(json.data(), json.size());
}

std::string encodeBody(std::string_view json) {
    std::string stored;
    appendEncodedBody(stored, json);
    return stored;
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
    std::string text(2 + 2 * bytes.size(), '\0');
    text[0] = '\\';
    text[1] = 'x';
    char* out = text.data() + 2;
    for (char c : bytes) {
        auto b = static_cast<unsigned char>(c);
        *out++ = digits[b >> 4];
        *out++ = digits[b & 15];
    }
    return text;
}

std::string fromByteaHex(std::string_view text) {
    if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0)
        throw StorageError("a stored document body is not bytea hex text (bytea_output must be 'hex')");
    std::string bytes((text.size() - 2) / 2, '\0');
    const auto* digits = reinterpret_cast<const unsigned char*>(text.data()) + 2;
    unsigned char invalid = 0;  // kNotHex sets the high bits: checked once at the end
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        unsigned char high = kHexDigitValue[digits[2 * i]], low = kHexDigitValue[digits[2 * i + 1]];
        invalid |= high | low;
        bytes[i] = static_cast<char>(high << 4 | low);
    }
    if (invalid & 0xF0) throw StorageError("a stored document body holds a non-hex digit");
    return bytes;
}

}  // namespace statshost::storage
