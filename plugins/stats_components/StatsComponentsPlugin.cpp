// The stats_components plugin: exports the three service components.
#include <Poco/ClassLibrary.h>

#include "Components.h"
#include "statshost/Abi.h"

STATSHOST_DECLARE_PLUGIN()

// Classes are registered under their bare names, as configured in stats.yaml.
using stats_components::CommunityAcceptedEventComponent;
using stats_components::RecordCommunityEventComponent;
using stats_components::RecordCommunityEventTrackingComponent;

POCO_BEGIN_NAMED_MANIFEST(ServiceComponent, statshost::ServiceComponent)
    POCO_EXPORT_CLASS(RecordCommunityEventComponent)
    POCO_EXPORT_CLASS(RecordCommunityEventTrackingComponent)
    POCO_EXPORT_CLASS(CommunityAcceptedEventComponent)
POCO_END_MANIFEST
