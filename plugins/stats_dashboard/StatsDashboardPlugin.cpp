// The stats_dashboard plugin module: the dashboard blueprint.
#include <Poco/ClassLibrary.h>

#include "StatsDashboardBlueprint.h"
#include "statshost/Abi.h"

STATSHOST_DECLARE_PLUGIN()

using statshost::dashboard::StatsDashboardBlueprint;

POCO_BEGIN_NAMED_MANIFEST(Blueprint, statshost::Blueprint)
    POCO_EXPORT_CLASS(StatsDashboardBlueprint)
POCO_END_MANIFEST
