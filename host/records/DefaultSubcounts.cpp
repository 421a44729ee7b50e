// The built-in COMMUNITY_STATS_SUBCOUNTS: SEMANTICS §5 (records) and §6 (usage), once as data
// and once as YAML text. SubcountConfigTest checks that the text parses to the data.
#include "records/SubcountConfig.h"

namespace statshost::records {

namespace {

FacetRule pathFacet(std::string name, std::string items, std::vector<std::string> id, std::vector<std::string> label,
                    ItemFilter filter = ItemFilter::None) {
    FacetRule rule;
    rule.name = std::move(name);
    rule.items = std::move(items);
    rule.idPaths = std::move(id);
    rule.labelPaths = std::move(label);
    rule.filter = filter;
    return rule;
}

FacetRule builtinFacet(std::string name, FacetExtractor extractor, std::map<std::string, std::string> labels = {}) {
    FacetRule rule;
    rule.name = std::move(name);
    rule.extractor = extractor;
    rule.labels = std::move(labels);
    return rule;
}

SubcountSide side(std::string delta, std::string snapshot, SnapshotType type, std::vector<std::string> facets) {
    return {std::move(delta), std::move(snapshot), type, std::move(facets)};
}

Subcount subcount(std::string name, std::optional<SubcountSide> records, std::optional<SubcountSide> usage) {
    return {std::move(name), std::move(records), std::move(usage)};
}

SubcountConfig build() {
    const auto all = SnapshotType::All;
    const auto top = SnapshotType::Top;
    SubcountConfig c;
    c.facets = {
        builtinFacet("access_right", FacetExtractor::AccessStatus,
                     {{"open", "Open Access"},
                      {"restricted", "Restricted"},
                      {"embargoed", "Embargoed"},
                      {"metadata-only", "Metadata-only"}}),
        pathFacet("affiliation_contributor", "metadata.contributors.affiliations", {"id", "name"}, {"name"}),
        pathFacet("affiliation_creator", "metadata.creators.affiliations", {"id", "name"}, {"name"}),
        builtinFacet("country", FacetExtractor::Event),
        builtinFacet("file_type", FacetExtractor::FileType),
        pathFacet("funder", "metadata.funding.funder", {"id", "name"}, {"name"}),
        pathFacet("keyword", "metadata.subjects", {"subject"}, {"subject"}, ItemFilter::WithoutId),
        pathFacet("language", "metadata.languages", {"id"}, {"title.en"}),
        pathFacet("license", "metadata.rights", {"id"}, {"title.en"}),
        pathFacet("periodical", "custom_fields.journal:journal.title", {"."}, {"."}),
        pathFacet("publisher", "metadata.publisher", {"."}, {"."}),
        builtinFacet("referrer", FacetExtractor::Event),
        pathFacet("resource_type", "metadata.resource_type", {"id"}, {"title.en"}),
        pathFacet("subject", "metadata.subjects", {"id"}, {"subject"}, ItemFilter::WithId),
    };
    c.subcounts = {
        subcount("access_rights", side("by_access_right", "all_access_rights", all, {"access_right"}),
                 side("by_access_rights", "all_access_rights", all, {"access_right"})),
        subcount("affiliations", std::nullopt,
                 side("by_affiliations", "top_affiliations", top, {"affiliation_creator", "affiliation_contributor"})),
        subcount("affiliations_contributor",
                 side("by_affiliation_contributor", "top_affiliations_contributor", top, {"affiliation_contributor"}),
                 std::nullopt),
        subcount("affiliations_creator",
                 side("by_affiliation_creator", "top_affiliations_creator", top, {"affiliation_creator"}),
                 std::nullopt),
        subcount("countries", std::nullopt, side("by_countries", "top_countries", top, {"country"})),
        subcount("file_types", side("by_file_type", "all_file_types", all, {"file_type"}),
                 side("by_file_types", "all_file_types", all, {"file_type"})),
        subcount("funders", side("by_funder", "top_funders", top, {"funder"}),
                 side("by_funders", "top_funders", top, {"funder"})),
        subcount("keywords", side("by_keyword", "top_keywords", top, {"keyword"}), std::nullopt),
        subcount("languages", side("by_language", "all_languages", all, {"language"}),
                 side("by_languages", "all_languages", all, {"language"})),
        subcount("licenses", side("by_license", "all_licenses", all, {"license"}),
                 side("by_licenses", "all_licenses", all, {"license"})),
        subcount("periodicals", side("by_periodical", "top_periodicals", top, {"periodical"}),
                 side("by_periodicals", "top_periodicals", top, {"periodical"})),
        subcount("publishers", side("by_publisher", "top_publishers", top, {"publisher"}),
                 side("by_publishers", "top_publishers", top, {"publisher"})),
        subcount("referrers", std::nullopt, side("by_referrers", "top_referrers", top, {"referrer"})),
        subcount("resource_types", side("by_resource_type", "all_resource_types", all, {"resource_type"}),
                 side("by_resource_types", "all_resource_types", all, {"resource_type"})),
        subcount("subjects", side("by_subject", "top_subjects", top, {"subject"}),
                 side("by_subjects", "top_subjects", top, {"subject"})),
    };
    return c;
}

}  // namespace

const SubcountConfig& defaultSubcountConfig() {
    static const SubcountConfig config = build();
    return config;
}

const std::string& defaultSubcountsYaml() {
    static const std::string text =
        R"yaml(# Subcount lists of the community statistics: which lists the records and usage documents carry.
# facets: how each value is taken from a record.
#   extractor: path (default) | access_status | file_type | event (a usage-event field, e.g. country)
#   items: where the items are (dot path; lists are walked; "." is the item itself)
#   id / label: paths within an item, the first non-empty one wins; without a label the id is shown
#   filter: with_id | without_id (keep items that have / lack their own `id`)
#   labels: fixed labels by id
# subcounts: per subcount an optional `records` and an optional `usage` side, each with the list key
#   in delta documents (delta), in snapshot documents (snapshot), snapshot_type all | top (top keeps
#   COMMUNITY_STATS_TOP_SUBCOUNT_LIMIT items) and the source facets (a record counts once per id).
# A section left out means these defaults; a section given replaces them whole.
COMMUNITY_STATS_SUBCOUNTS:
  facets:
    resource_type:
      items: metadata.resource_type
      id: [id]
      label: [title.en]
    access_right:
      extractor: access_status
      labels:
        open: Open Access
        restricted: Restricted
        embargoed: Embargoed
        metadata-only: Metadata-only
    language:
      items: metadata.languages
      id: [id]
      label: [title.en]
    license:
      items: metadata.rights
      id: [id]
      label: [title.en]
    affiliation_creator:
      items: metadata.creators.affiliations
      id: [id, name]
      label: [name]
    affiliation_contributor:
      items: metadata.contributors.affiliations
      id: [id, name]
      label: [name]
    funder:
      items: metadata.funding.funder
      id: [id, name]
      label: [name]
    subject:
      items: metadata.subjects
      filter: with_id
      id: [id]
      label: [subject]
    keyword:
      items: metadata.subjects
      filter: without_id
      id: [subject]
      label: [subject]
    publisher:
      items: metadata.publisher
      id: ["."]
      label: ["."]
    periodical:
      items: "custom_fields.journal:journal.title"
      id: ["."]
      label: ["."]
    file_type:
      extractor: file_type
    country:
      extractor: event
    referrer:
      extractor: event
  subcounts:
    resource_types:
      records: {delta: by_resource_type, snapshot: all_resource_types, snapshot_type: all, facets: [resource_type]}
      usage: {delta: by_resource_types, snapshot: all_resource_types, snapshot_type: all, facets: [resource_type]}
    access_rights:
      records: {delta: by_access_right, snapshot: all_access_rights, snapshot_type: all, facets: [access_right]}
      usage: {delta: by_access_rights, snapshot: all_access_rights, snapshot_type: all, facets: [access_right]}
    languages:
      records: {delta: by_language, snapshot: all_languages, snapshot_type: all, facets: [language]}
      usage: {delta: by_languages, snapshot: all_languages, snapshot_type: all, facets: [language]}
    licenses:
      records: {delta: by_license, snapshot: all_licenses, snapshot_type: all, facets: [license]}
      usage: {delta: by_licenses, snapshot: all_licenses, snapshot_type: all, facets: [license]}
    affiliations_creator:
      records:
        {delta: by_affiliation_creator, snapshot: top_affiliations_creator, snapshot_type: top,
         facets: [affiliation_creator]}
    affiliations_contributor:
      records:
        {delta: by_affiliation_contributor, snapshot: top_affiliations_contributor, snapshot_type: top,
         facets: [affiliation_contributor]}
    affiliations:
      usage:
        {delta: by_affiliations, snapshot: top_affiliations, snapshot_type: top,
         facets: [affiliation_creator, affiliation_contributor]}
    funders:
      records: {delta: by_funder, snapshot: top_funders, snapshot_type: top, facets: [funder]}
      usage: {delta: by_funders, snapshot: top_funders, snapshot_type: top, facets: [funder]}
    subjects:
      records: {delta: by_subject, snapshot: top_subjects, snapshot_type: top, facets: [subject]}
      usage: {delta: by_subjects, snapshot: top_subjects, snapshot_type: top, facets: [subject]}
    keywords:
      records: {delta: by_keyword, snapshot: top_keywords, snapshot_type: top, facets: [keyword]}
    publishers:
      records: {delta: by_publisher, snapshot: top_publishers, snapshot_type: top, facets: [publisher]}
      usage: {delta: by_publishers, snapshot: top_publishers, snapshot_type: top, facets: [publisher]}
    periodicals:
      records: {delta: by_periodical, snapshot: top_periodicals, snapshot_type: top, facets: [periodical]}
      usage: {delta: by_periodicals, snapshot: top_periodicals, snapshot_type: top, facets: [periodical]}
    file_types:
      records: {delta: by_file_type, snapshot: all_file_types, snapshot_type: all, facets: [file_type]}
      usage: {delta: by_file_types, snapshot: all_file_types, snapshot_type: all, facets: [file_type]}
    countries:
      usage: {delta: by_countries, snapshot: top_countries, snapshot_type: top, facets: [country]}
    referrers:
      usage: {delta: by_referrers, snapshot: top_referrers, snapshot_type: top, facets: [referrer]}
)yaml";
    return text;
}

}  // namespace statshost::records
