// A blueprint that registers the same route and query names as the good fixture's blueprint.
#include <Poco/ClassLibrary.h>

#include "statshost/Abi.h"
#include "statshost/Blueprint.h"

namespace {
class DuplicateBlueprint : public statshost::Blueprint {
public:
    void configure(const statshost::BlueprintSetup& setup) override { _what = setup.params.getString("duplicate", "route"); }
    void registerWith(statshost::BlueprintRegistrar& r, statshost::BlueprintContext&) override {
        if (_what == "route")
            r.addRoute({"GET", "/fixture/hello", statshost::Permission::Public,
                        [](const statshost::Request&) { return statshost::Response{}; }, "duplicate.hello"});
        else
            r.addQuery("fixture-echo", [](const statshost::Params&, const statshost::Caller&) { return std::string("{}"); });
    }

private:
    std::string _what;
};
}  // namespace

STATSHOST_DECLARE_PLUGIN()

POCO_BEGIN_NAMED_MANIFEST(Blueprint, statshost::Blueprint)
    POCO_EXPORT_CLASS(DuplicateBlueprint)
POCO_END_MANIFEST
