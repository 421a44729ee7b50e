/// The built-in layout (API_UI.md 6.3): four tabs, used when dashboard_config.layout is missing or invalid.
/// Each tab names its date `mode` ("snapshot": totals as of the end date; "delta": activity during the range)
/// instead of relying on the tab name. Titles are message keys resolved through i18n when they start with "@".

const table = (component, title, extra = {}) => ({
  component, width: 8,
  props: { title, pageSize: 10, available_views: ["pie", "bar", "list"], hideOtherInCharts: true, ...extra },
});
/// Row of three single stats (5/6/5 columns): [[component, title, icon], ...].
const statsRow = (specs) => ({
  name: "single-stats",
  components: specs.map(([component, title, icon], i) => ({ component, width: i === 1 ? 6 : 5, props: { title, icon, mobile: 16, tablet: 6 } })),
});
/// Row of half-width multi-displays: [[component, title, extraProps?], ...].
const tablesRow = (name, specs) => ({ name, components: specs.map(([component, title, extra]) => table(component, title, extra)) });
const SHARED_TRAFFIC_SUBCOUNTS = {
  countries: {}, file_presence: {}, resource_types: {}, languages: {}, rights: {}, affiliations: {},
  periodicals: {}, publishers: {}, file_types: {}, access_statuses: {},
};
const map = (title, useSnapshot) => ({
  component: "StatsMap", width: 16,
  props: { title, height: 400, minHeight: 400, zoom: 1.3, center: [0, 20], uniformColorMode: true, useSnapshot },
});

export const DEFAULT_LAYOUT = {
  tabs: [
    {
      name: "content", label: "@tab.content", icon: "chart pie", mode: "snapshot", date_range_phrase: "@phrase.asOf",
      rows: [
        statsRow([
          ["SingleStatRecordCountCumulative", "@title.totalRecords", "file"],
          ["SingleStatUploadersCumulative", "@title.totalUploaders", "users"],
          ["SingleStatDataVolumeCumulative", "@title.totalDataVolume", "database"],
        ]),
        { name: "charts", components: [{ component: "ContentStatsChartCumulative", width: 16, props: {
          title: "@title.cumulativeContent", height: 300, maxSeries: 10,
          display_subcounts: { resource_types: {}, languages: {}, rights: {}, affiliations: {}, funders: {}, publishers: {}, file_types: {}, access_statuses: {} },
        } }] },
        tablesRow("tables", [
          ["ResourceTypesMultiDisplay", "@title.topWorkTypes"],
          ["FileTypesMultiDisplay", "@title.topFileTypes", { default_view: "bar" }],
          ["LanguagesMultiDisplay", "@title.topLanguages", { default_view: "bar" }],
          ["SubjectsMultiDisplay", "@title.topSubjects", { default_view: "list" }],
          ["AccessStatusesMultiDisplay", "@title.topAccessStatuses", { default_view: "bar" }],
          ["RightsMultiDisplay", "@title.topRights", { default_view: "list", available_views: ["pie", "list"] }],
          ["AffiliationsMultiDisplay", "@title.topAffiliations", { default_view: "list" }],
          ["PublishersMultiDisplay", "@title.topPublishers", { pageSize: 8, default_view: "bar" }],
        ]),
      ],
    },
    {
      name: "contributions", label: "@tab.contributions", icon: "users", mode: "delta", date_range_phrase: "@phrase.during",
      rows: [
        statsRow([
          ["SingleStatRecordCount", "@title.newRecords", "file"],
          ["SingleStatUploaders", "@title.activeUploaders", "users"],
          ["SingleStatDataVolume", "@title.newDataUploaded", "database"],
        ]),
        { name: "charts", components: [{ component: "ContentStatsChart", width: 16, props: {
          title: "@title.contributionRates", height: 300, maxSeries: 8,
          display_subcounts: { file_presence: {}, resource_types: {}, subjects: {}, languages: {}, rights: {}, affiliations: {}, periodicals: {}, publishers: {}, file_types: {}, access_statuses: {} },
        } }] },
        tablesRow("tables", [
          ["ResourceTypesMultiDisplayDelta", "@title.workTypesAdded"],
          ["FileTypesMultiDisplayDelta", "@title.fileTypesAdded", { default_view: "bar" }],
          ["LanguagesMultiDisplayDelta", "@title.languagesAdded", { default_view: "bar" }],
          ["SubjectsMultiDisplayDelta", "@title.subjectsAdded", { default_view: "list" }],
          ["AccessStatusesMultiDisplayDelta", "@title.accessStatusesAdded", { default_view: "pie" }],
          ["RightsMultiDisplayDelta", "@title.rightsAdded", { default_view: "list", available_views: ["pie", "list"] }],
          ["AffiliationsMultiDisplayDelta", "@title.affiliationsAdded", { default_view: "list" }],
          ["PeriodicalsMultiDisplayDelta", "@title.periodicalsAdded", { default_view: "list" }],
          ["PublishersMultiDisplayDelta", "@title.publishersAdded", { pageSize: 8, default_view: "list" }],
        ]),
        // Top communities shows on the global dashboard only, top subcommunities on a community dashboard
        // that has some; each hides itself elsewhere.
        { name: "leaderboards", components: [
          { component: "TopUploaders", width: 8, props: { pageSize: 10, maxHeight: "360px" } },
          { component: "TopCommunities", width: 8, props: { pageSize: 10, maxHeight: "360px" } },
          { component: "TopSubcommunities", width: 8, props: { pageSize: 10, maxHeight: "360px" } },
        ] },
      ],
    },
    {
      name: "traffic", label: "@tab.traffic", icon: "world", mode: "snapshot", date_range_phrase: "@phrase.asOf",
      rows: [
        statsRow([
          ["SingleStatViewsCumulative", "@title.totalViews", "eye"],
          ["SingleStatDownloadsCumulative", "@title.totalDownloads", "download"],
          ["SingleStatTrafficCumulative", "@title.totalTraffic", "chart line"],
        ]),
        { name: "charts", components: [{ component: "TrafficStatsChartCumulative", width: 16, props: {
          title: "@title.cumulativeTraffic", height: 300, maxSeries: 10, display_subcounts: SHARED_TRAFFIC_SUBCOUNTS,
        } }] },
        { name: "tables", components: [
          // Leaderboards of the selected period; titles follow it ("Most viewed works, <start> – <end>").
          { component: "MostDownloadedRecordsMultiDisplay", width: 8, props: { pageSize: 6, available_views: ["list"], maxHeight: "300px" } },
          { component: "MostViewedRecordsMultiDisplay", width: 8, props: { pageSize: 6, available_views: ["list"], maxHeight: "300px" } },
        ] },
        { name: "world-map", components: [map("@title.allCountries", true)] },
        tablesRow("tables2", [
          ["FileTypesMultiDisplayDownloads", "@title.fileTypesDownloaded", { default_view: "bar" }],
          ["LanguagesMultiDisplayViews", "@title.topLanguagesVisited", { default_view: "bar" }],
          ["ResourceTypesMultiDisplayViews", "@title.topWorkTypesVisited", { default_view: "bar" }],
          ["RightsMultiDisplayViews", "@title.topLicensesByVisits", { default_view: "pie" }],
          ["PublishersMultiDisplayViews", "@title.topPublishersByVisits", { default_view: "list" }],
          ["CountriesMultiDisplayViews", "@title.topCountriesByVisits", { default_view: "list" }],
        ]),
      ],
    },
    {
      name: "usage", label: "@tab.usage", icon: "download", mode: "delta", date_range_phrase: "@phrase.during",
      rows: [
        statsRow([
          ["SingleStatViews", "@title.recordViews", "eye"],
          ["SingleStatDownloads", "@title.recordDownloads", "download"],
          ["SingleStatTraffic", "@title.dataDownloaded", "chart line"],
        ]),
        { name: "charts", components: [{ component: "TrafficStatsChart", width: 16, props: {
          title: "@title.usageRates", height: 300, display_subcounts: SHARED_TRAFFIC_SUBCOUNTS,
        } }] },
        { name: "top-traffic", components: [
          { component: "MostTrafficRecordsMultiDisplay", width: 16, props: { pageSize: 10, maxHeight: "360px" } },
        ] },
        { name: "world-map-delta", components: [map("@title.topCountries", false)] },
        tablesRow("tables2", [
          ["FileTypesMultiDisplayDownloadsDelta", "@title.fileTypesDownloaded", { default_view: "bar" }],
          ["LanguagesMultiDisplayViewsDelta", "@title.topLanguagesVisited", { default_view: "bar" }],
          ["ResourceTypesMultiDisplayViewsDelta", "@title.topWorkTypesVisited", { default_view: "bar" }],
          ["RightsMultiDisplayViewsDelta", "@title.topLicensesByVisits", { default_view: "pie" }],
          ["PublishersMultiDisplayViewsDelta", "@title.topPublishersByVisits", { default_view: "list" }],
          ["CountriesMultiDisplayViewsDelta", "@title.topCountriesByVisits", { default_view: "list" }],
        ]),
      ],
    },
  ],
};
