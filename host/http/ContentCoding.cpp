#include "http/ContentCoding.h"

#include <sstream>

#include <Poco/DeflatingStream.h>
#include <Poco/String.h>
#include <brotli/encode.h>

#include "statshost/Errors.h"

namespace statshost::http {

namespace {

/// q-value of one `Accept-Encoding` element ("gzip;q=0.5" → 0.5; no q → 1; malformed → 0).
double qualityOf(const std::string& params) {
    std::size_t q = params.find("q=");
    if (q == std::string::npos) return 1.0;
    try {
        return std::stod(params.substr(q + 2));
    } catch (const std::exception&) {
        return 0.0;
    }
}

std::string brotli(const std::string& body) {
    std::size_t size = BrotliEncoderMaxCompressedSize(body.size());
    if (size == 0) size = body.size() + 1024;
    std::string out(size, '\0');
    if (!BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, body.size(),
                               reinterpret_cast<const uint8_t*>(body.data()), &size,
                               reinterpret_cast<uint8_t*>(out.data())))
        throw Error("brotli compression failed");
    out.resize(size);
    return out;
}

std::string gzip(const std::string& body) {
    std::ostringstream sink;
    Poco::DeflatingOutputStream deflate(sink, Poco::DeflatingStreamBuf::STREAM_GZIP);
    deflate.write(body.data(), static_cast<std::streamsize>(body.size()));
    deflate.close();
    return sink.str();
}

}  // namespace

Coding chooseCoding(const std::string& acceptEncoding) {
    double br = -1, gz = -1, star = -1;
    std::istringstream in(acceptEncoding);
    std::string element;
    while (std::getline(in, element, ',')) {
        std::size_t semi = element.find(';');
        std::string name = Poco::toLower(Poco::trim(element.substr(0, semi)));
        double q = semi == std::string::npos ? 1.0 : qualityOf(element.substr(semi + 1));
        if (name == "br") br = q;
        else if (name == "gzip" || name == "x-gzip") gz = std::max(gz, q);
        else if (name == "*") star = q;
    }
    if (br < 0) br = star;
    if (gz < 0) gz = star;
    if (br > 0 && br >= gz) return Coding::Brotli;
    if (gz > 0) return Coding::Gzip;
    return Coding::Identity;
}

const char* codingName(Coding coding) {
    switch (coding) {
        case Coding::Brotli: return "br";
        case Coding::Gzip: return "gzip";
        default: return "";
    }
}

std::string encodeBody(const std::string& body, Coding coding) {
    switch (coding) {
        case Coding::Brotli: return brotli(body);
        case Coding::Gzip: return gzip(body);
        default: return body;
    }
}

}  // namespace statshost::http
