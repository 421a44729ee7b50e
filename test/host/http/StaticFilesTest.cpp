// StaticFiles: content types, caching headers, ETag/304, and refusal of every escape attempt.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

#include <Poco/String.h>

#include "HttpTestSupport.h"
#include "http/StaticFiles.h"
#include "statshost/Errors.h"
#include "support/TestEnv.h"

namespace statshost::http {

using namespace test;

namespace {

void writeFile(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    CPPUNIT_ASSERT_MESSAGE(path, out.good());
}

std::string headerOf(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return "";
}

}  // namespace

class StaticFilesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(StaticFilesTest);
    CPPUNIT_TEST(servesFilesWithContentTypes);
    CPPUNIT_TEST(directoriesServeTheirIndex);
    CPPUNIT_TEST(cacheControlDependsOnHashedAssetNames);
    CPPUNIT_TEST(etagAnswers304);
    CPPUNIT_TEST(refusedPathsAre404);
    CPPUNIT_TEST(symlinksMayNotLeaveTheRoot);
    CPPUNIT_TEST(missingRootIsAConfigError);
    CPPUNIT_TEST(servesOverHttp);
    CPPUNIT_TEST(traversalOverHttpIs404);
    CPPUNIT_TEST(notModifiedOverHttp);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        tmp = std::make_unique<statshost::test::TempDir>();
        root = tmp->file("root");
        outside = tmp->file("outside");
        ::mkdir(root.c_str(), 0755);
        ::mkdir(outside.c_str(), 0755);
        ::mkdir((root + "/assets").c_str(), 0755);
        ::mkdir((root + "/sub").c_str(), 0755);
        for (const char* name : {"app.js", "mod.mjs", "style.css", "data.json", "icon.svg", "logo.png", "favicon.ico",
                                 "font.woff2", "app.js.map", "notes.txt", "blob.bin", "page.html"})
            writeFile(root + "/" + name, std::string("content of ") + name);
        writeFile(root + "/index.html", "<h1>index</h1>");
        writeFile(root + "/sub/index.html", "<h1>sub</h1>");
        writeFile(root + "/assets/index-B4x9Qa1c.js", "hashed");
        writeFile(root + "/assets/vendor-charting.js", "unhashed");
        writeFile(root + "/.env", "SECRET=1");
        writeFile(outside + "/secret.txt", "TOP SECRET");
        CPPUNIT_ASSERT_EQUAL(0, ::symlink((outside + "/secret.txt").c_str(), (root + "/leak.txt").c_str()));
        CPPUNIT_ASSERT_EQUAL(0, ::symlink(outside.c_str(), (root + "/dirlink").c_str()));
        CPPUNIT_ASSERT_EQUAL(0, ::symlink("../outside/secret.txt", (root + "/sub/rel-leak.txt").c_str()));
        CPPUNIT_ASSERT_EQUAL(0, ::symlink("notes.txt", (root + "/alias.txt").c_str()));
    }
    void tearDown() override { tmp.reset(); }

    void servesFilesWithContentTypes() {
        StaticFiles files(root, "/static");
        const std::vector<std::pair<std::string, std::string>> expected = {
            {"page.html", "text/html; charset=utf-8"},   {"app.js", "text/javascript; charset=utf-8"},
            {"mod.mjs", "text/javascript; charset=utf-8"}, {"style.css", "text/css; charset=utf-8"},
            {"data.json", "application/json"},           {"icon.svg", "image/svg+xml"},
            {"logo.png", "image/png"},                   {"favicon.ico", "image/x-icon"},
            {"font.woff2", "font/woff2"},                {"app.js.map", "application/json"},
            {"notes.txt", "text/plain; charset=utf-8"},  {"blob.bin", "application/octet-stream"}};
        for (const auto& [name, type] : expected) {
            Response r = files.serve(name, "");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name, 200, r.status);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name, type, r.contentType);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name, "content of " + name, r.body);
            CPPUNIT_ASSERT_MESSAGE(name, !headerOf(r, "Last-Modified").empty());
        }
        CPPUNIT_ASSERT_EQUAL(std::string("content of notes.txt"), files.serve("alias.txt", "").body);  // symlink inside
    }

    void directoriesServeTheirIndex() {
        StaticFiles files(root, "/static/");
        CPPUNIT_ASSERT_EQUAL(std::string("<h1>index</h1>"), files.serve("", "").body);
        CPPUNIT_ASSERT_EQUAL(std::string("<h1>sub</h1>"), files.serve("sub/", "").body);
        CPPUNIT_ASSERT_EQUAL(std::string("<h1>sub</h1>"), files.serve("sub", "").body);
        CPPUNIT_ASSERT_EQUAL(std::string("text/html; charset=utf-8"), files.serve("sub", "").contentType);
        CPPUNIT_ASSERT_EQUAL(404, files.serve("assets/", "").status);  // no index.html there
    }

    void cacheControlDependsOnHashedAssetNames() {
        StaticFiles files(root, "/static");
        CPPUNIT_ASSERT_EQUAL(std::string("public, max-age=31536000, immutable"),
                             headerOf(files.serve("assets/index-B4x9Qa1c.js", ""), "Cache-Control"));
        CPPUNIT_ASSERT_EQUAL(std::string("public, max-age=60"), headerOf(files.serve("assets/vendor-charting.js", ""), "Cache-Control"));
        CPPUNIT_ASSERT_EQUAL(std::string("public, max-age=60"), headerOf(files.serve("notes.txt", ""), "Cache-Control"));
        CPPUNIT_ASSERT(StaticFiles::isHashedAsset("assets/chunk.3f9a8c21.css"));
        CPPUNIT_ASSERT(!StaticFiles::isHashedAsset("index-B4x9Qa1c.js"));  // not under assets/
        CPPUNIT_ASSERT(!StaticFiles::isHashedAsset("assets/app-1.js"));    // too short for a hash
    }

    void etagAnswers304() {
        StaticFiles files(root, "/static");
        Response first = files.serve("app.js", "");
        std::string etag = headerOf(first, "ETag");
        CPPUNIT_ASSERT(etag.size() > 2 && etag.front() == '"' && etag.back() == '"');
        for (const std::string& inm : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
            Response again = files.serve("app.js", inm);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(inm, 304, again.status);
            CPPUNIT_ASSERT_MESSAGE(inm, again.body.empty());
            CPPUNIT_ASSERT_EQUAL_MESSAGE(inm, etag, headerOf(again, "ETag"));
        }
        CPPUNIT_ASSERT_EQUAL(200, files.serve("app.js", "\"other\"").status);
        writeFile(root + "/app.js", "changed content");
        CPPUNIT_ASSERT_EQUAL(200, files.serve("app.js", etag).status);
    }

    void refusedPathsAre404() {
        StaticFiles files(root, "/static");
        for (const std::string& rel : {std::string("../outside/secret.txt"), std::string("sub/../app.js"), std::string("./app.js"),
                                       std::string(".env"), std::string("/etc/passwd"), std::string("sub//index.html"),
                                       std::string("sub\\..\\app.js"), std::string("app.js\0.png", 11), std::string("nope.js")}) {
            Response r = files.serve(rel, "");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(rel, 404, r.status);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(rel, std::string(R"({"status":404,"message":"not found"})"), r.body);
        }
    }

    void symlinksMayNotLeaveTheRoot() {
        StaticFiles files(root, "/static");
        for (const char* rel : {"leak.txt", "dirlink/secret.txt", "sub/rel-leak.txt", "dirlink"}) {
            Response r = files.serve(rel, "");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(rel, 404, r.status);
            CPPUNIT_ASSERT_MESSAGE(rel, r.body.find("SECRET") == std::string::npos);
        }
    }

    void missingRootIsAConfigError() {
        CPPUNIT_ASSERT_THROW(StaticFiles(root + "/missing", "/static"), ConfigError);
        CPPUNIT_ASSERT_THROW(StaticFiles(root + "/app.js", "/static"), ConfigError);
    }

    void servesOverHttp() {
        StaticFiles files(root, "/static");
        TestServer s([&](Router& r) { r.add(files.route()); });
        HttpResult res = get(s.port(), "/static/style.css");
        CPPUNIT_ASSERT_EQUAL(200, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("text/css; charset=utf-8"), res.header("content-type"));
        CPPUNIT_ASSERT_EQUAL(std::string("content of style.css"), res.body);
        CPPUNIT_ASSERT_EQUAL(std::string("nosniff"), res.header("x-content-type-options"));
        CPPUNIT_ASSERT_EQUAL(std::string("<h1>index</h1>"), get(s.port(), "/static/").body);
        CPPUNIT_ASSERT_EQUAL(std::string("content of notes.txt"), get(s.port(), "/static/no%74es.txt").body);
        CPPUNIT_ASSERT_EQUAL(405, send(s.port(), call("POST", "/static/app.js")).status);
    }

    void traversalOverHttpIs404() {
        StaticFiles files(root, "/static");
        TestServer s([&](Router& r) { r.add(files.route()); });
        for (const char* target :
             {"/static/../outside/secret.txt", "/static/%2e%2e/outside/secret.txt", "/static/%2E%2E%2Foutside%2Fsecret.txt",
              "/static/..%2f..%2fetc%2fpasswd", "/static/%2fetc%2fpasswd", "/static//etc/passwd",
              "/static/sub%5C..%5C..%5Coutside%5Csecret.txt", "/static/notes.txt%00.png", "/static/leak.txt",
              "/static/dirlink/secret.txt", "/static/.env", "/static/%2eenv"}) {
            HttpResult res = get(s.port(), target);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(target, 404, res.status);
            CPPUNIT_ASSERT_MESSAGE(target, res.body.find("SECRET") == std::string::npos);
        }
    }

    void notModifiedOverHttp() {
        StaticFiles files(root, "/static");
        TestServer s([&](Router& r) { r.add(files.route()); });
        HttpResult first = get(s.port(), "/static/app.js");
        CPPUNIT_ASSERT(!first.header("etag").empty());
        CPPUNIT_ASSERT(!first.header("last-modified").empty());
        HttpResult again = get(s.port(), "/static/app.js", {{"If-None-Match", first.header("etag")}});
        CPPUNIT_ASSERT_EQUAL(304, again.status);
        CPPUNIT_ASSERT(again.body.empty());
        CPPUNIT_ASSERT_EQUAL(first.header("etag"), again.header("etag"));
        CPPUNIT_ASSERT_EQUAL(std::to_string(std::string("content of app.js").size()), again.header("content-length"));
        CPPUNIT_ASSERT(again.header("connection").empty() || Poco::icompare(again.header("connection"), "close") != 0);
    }

    std::unique_ptr<statshost::test::TempDir> tmp;
    std::string root, outside;
};

CPPUNIT_TEST_SUITE_REGISTRATION(StaticFilesTest);

}  // namespace statshost::http
