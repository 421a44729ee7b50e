// `statshost serve`: the HTTP server with the built-in routes, the blueprints' routes and static
// files, until SIGTERM/SIGINT. A Poco ServerApplication, so termination requests are handled the
// Poco way (and `--daemon` style process control stays possible).
#include <algorithm>
#include <chrono>
#include <iostream>

#include <Poco/Logger.h>
#include <Poco/Util/ServerApplication.h>

#include "aggregation/AggregationScheduler.h"
#include "app/Command.h"
#include "plugins/HostServices.h"
#include "app/RepositoryDirectories.h"
#include "app/StatsEndpoint.h"
#include "app/EventsApi.h"
#include "app/UsageRuntime.h"
#include "app/WriteApi.h"
#include "app/AggregateApi.h"
#include "http/BuiltinRoutes.h"
#include "http/HttpServer.h"
#include "http/Metrics.h"
#include "http/Router.h"
#include "http/StaticFiles.h"
#include "http/TokenAuth.h"
#include "plugins/BlueprintRegistrations.h"

namespace statshost::app {

namespace {

/// Lets each blueprint register, with exceptions turned into ConfigErrors naming the plugin.
void registerBlueprints(AppSession& s, plugins::BlueprintRegistrations& regs, const Clock& clock,
                        std::vector<std::unique_ptr<plugins::NamedLogger>>& loggers, CommunityDirectory& communities,
                        RecordDirectory& records) {
    for (const auto& bp : s.extensions().blueprints()) {
        std::string owner = bp.ref.plugin + "/" + bp.ref.className;
        loggers.push_back(std::make_unique<plugins::NamedLogger>(bp.ref.plugin));
        BlueprintContext ctx{s.storage(), clock, *loggers.back(), communities, records, s.aggregationSettings()};
        regs.setOwner(owner);
        try {
            bp.object->registerWith(regs, ctx);
        } catch (const ConfigError&) {
            throw;
        } catch (const std::exception& e) {
            throw ConfigError(bp.ref.keyPath, "blueprint " + owner + " failed to register: " + e.what());
        }
    }
}

/// The aggregation scheduler of this process, when COMMUNITY_STATS_SCHEDULED_AGG_TASKS_ENABLED and
/// schedule.enabled say so (and aggregations are configured); stop() before the session goes.
class ScheduledAggregation {
public:
    ScheduledAggregation(AppSession& s, const Clock& clock, http::Metrics& metrics) : _progress("statshost.scheduler") {
        const auto& cfg = s.config();
        _runner = std::make_unique<aggregation::AggregationRunner>(s.extensions().aggregators(), s.storage(),
                                                                   s.aggregationSource(), s.aggregationSettings(),
                                                                   clock, _progress);
        _runner->setObserver([&metrics](const std::string& name, double seconds, bool ok) {
            metrics.recordAggregationRun(name, seconds, ok);
        });
        const std::chrono::milliseconds interval(std::max<std::int64_t>(1, cfg.stats.aggregationIntervalSeconds) * 1000);
        _scheduler = std::make_unique<aggregation::AggregationScheduler>(
            *_runner, clock, std::min(interval, std::chrono::milliseconds(2000)), interval);
        _scheduler->start();
    }
    ~ScheduledAggregation() { stop(); }
    void stop() {
        if (_scheduler) _scheduler->stop();
    }

    static bool wanted(AppSession& s) {
        const auto& cfg = s.config();
        return cfg.stats.enabled && cfg.stats.scheduledAggregationEnabled && cfg.schedule.enabled &&
               !s.extensions().aggregators().empty();
    }

private:
    plugins::LogProgress _progress;
    std::unique_ptr<aggregation::AggregationRunner> _runner;
    std::unique_ptr<aggregation::AggregationScheduler> _scheduler;
};

class ServeApplication : public Poco::Util::ServerApplication {
public:
    ServeApplication(AppSession& session, const ParsedArgs& args) : _session(session), _args(args) {}
    /// What main() threw, if anything.
    std::exception_ptr error() const { return _error; }

protected:
    /// Poco's Application::run() would log and swallow exceptions; keep them for runServe to report.
    int main(const std::vector<std::string>&) override {
        try {
            return serve();
        } catch (...) {
            _error = std::current_exception();
            return EXIT_SOFTWARE;
        }
    }

private:
    int serve() {
        config::Config cfg = _session.config();
        plugins::configureLogging(cfg.logLevel);  // Poco's Application set-up replaced the channels; restore ours
        auto& log = Poco::Logger::get("statshost.serve");
        if (_args.flag("bind")) cfg.server.bind = _args.value("bind");
        if (_args.flag("port")) {
            const std::string p = _args.value("port");
            if (p.empty() || p.find_first_not_of("0123456789") != std::string::npos || p.size() > 5 || std::stoi(p) > 65535)
                throw UsageError("--port: expected a port number, got '" + p + "'");
            cfg.server.port = std::stoi(p);
        }
        auto& store = _session.storage();
        std::size_t templates = _session.registerTemplates();
        log.information("storage " + store.redactedUrl() + ", " + std::to_string(templates) + " index templates");

        plugins::SystemClock clock;
        http::Metrics metrics(STATSHOST_VERSION);
        http::Router router;
        http::addBuiltinRoutes(router, metrics, [&store] {
            http::HealthCheckResult storage{"storage", true, store.backend()};
            try {
                store.database().query("SELECT 1", {}, [](const storage::Row&) {});
            } catch (const std::exception&) {
                storage.ok = false;
                storage.detail = "storage unreachable";
            }
            return std::vector<http::HealthCheckResult>{storage};
        });

        plugins::BlueprintRegistrations regs;
        std::vector<std::unique_ptr<plugins::NamedLogger>> loggers;
        _session.services();  // the communities table the directory reads
        RepositoryCommunityDirectory communities(store.database());
        RepositoryRecordDirectory records(store.database());
        registerBlueprints(_session, regs, clock, loggers, communities, records);
        for (const auto& route : regs.routes()) router.add(route);
        router.add(statsRoute(regs.queries()));
        for (auto& route : writeRoutes(_session.services(), _session.usage().replayHandler(), clock))
            router.add(std::move(route));
        for (auto& route : eventRoutes(_session.services(), _session.usage(), clock)) router.add(std::move(route));
        for (auto& route : aggregateRoutes(_session, metrics)) router.add(std::move(route));
        for (const auto& dir : regs.staticDirectories()) router.add(http::StaticFiles(dir.directory, dir.urlPrefix).route(dir.owner + ":static"));
        if (!cfg.paths.staticFiles.empty()) router.add(http::StaticFiles(cfg.paths.staticFiles, "/static").route("static"));
        router.freeze();

        http::TokenAuth auth(cfg.tokens);
        http::HttpServer server(cfg.server, router, auth, metrics, Poco::Logger::get("statshost.access"));
        server.start();
        log.information("listening on http://" + cfg.server.bind + ":" + std::to_string(server.port()) + " (" +
                        std::to_string(cfg.server.threads) + " threads, " + std::to_string(regs.routes().size()) +
                        " blueprint routes, " + std::to_string(regs.queries().size()) + " queries, " +
                        std::to_string(cfg.tokens.size()) + " tokens)");
        std::unique_ptr<ScheduledAggregation> scheduled;
        if (ScheduledAggregation::wanted(_session)) {
            scheduled = std::make_unique<ScheduledAggregation>(_session, clock, metrics);
            log.information("scheduled aggregation every " + std::to_string(cfg.stats.aggregationIntervalSeconds) +
                            " s (" + std::to_string(_session.extensions().aggregators().size()) + " aggregations)");
        }
        waitForTerminationRequest();
        log.information("termination requested; finishing requests in progress");
        if (scheduled) scheduled->stop();
        server.stop();
        log.information("stopped");
        return EXIT_OK;
    }

    AppSession& _session;
    const ParsedArgs& _args;
    std::exception_ptr _error;
};

int runServe(AppSession& session, const ParsedArgs& args) {
    session.config();  // configuration errors surface before the server machinery starts
    ServeApplication app(session, args);
    char name[] = "statshost";
    char* argv[] = {name, nullptr};
    int rc = app.run(1, argv);
    if (app.error()) std::rethrow_exception(app.error());
    return rc == Poco::Util::Application::EXIT_OK ? 0 : 1;
}

}  // namespace

void addServeCommand(std::vector<Command>& out) {
    out.push_back({"serve", "run the HTTP server (dashboards, /api/stats, ingest and admin API)",
                   "statshost [--config FILE] [--db URL] serve [--bind ADDR] [--port N]",
                   "Opens the storage, registers index templates, loads the plugins and serves HTTP until\n"
                   "SIGTERM or SIGINT, then stops accepting connections and lets requests in progress finish.\n"
                   "Built-in routes: GET /healthz, GET /metrics, POST /api/stats, and the write API (docs/api.md).",
                   {{"bind", "ADDR", "address to listen on (default: server.bind)"},
                    {"port", "N", "port to listen on (default: server.port)"}},
                   0, runServe});
}

}  // namespace statshost::app
