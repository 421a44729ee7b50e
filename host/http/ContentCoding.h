#pragma once
/// HTTP content codings for response bodies: `Accept-Encoding` negotiation (br preferred, then
/// gzip, RFC 9110 §12.5.3 q-values) and the encoders (libbrotli, zlib through Poco).
#include <string>

namespace statshost::http {

enum class Coding { Identity, Gzip, Brotli };

/// The coding to answer with for an `Accept-Encoding` value: br if acceptable (q > 0, named or via
/// `*`), else gzip (or `x-gzip`), else identity. An empty header means identity.
Coding chooseCoding(const std::string& acceptEncoding);

/// The token for Content-Encoding ("br", "gzip"; "" for identity).
const char* codingName(Coding coding);

/// `body` encoded with `coding` (identity returns it unchanged). Brotli runs at a middle quality
/// (5: fast, within a few percent of the best size for JSON); gzip at zlib's default level.
std::string encodeBody(const std::string& body, Coding coding);

}  // namespace statshost::http
