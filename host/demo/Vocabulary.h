#pragma once
/// Word lists for demo records and usage. Invented institutions, funders, journals and people;
/// vocabulary ids shaped like InvenioRDM's (resource types, ISO 639-3 languages, SPDX-style
/// licences, ROR-style affiliation ids). Weights are relative frequencies.
#include <cstddef>
#include <utility>
#include <vector>

namespace statshost::demo::vocab {

struct Term {
    const char* id;
    const char* title;
    double weight;
};

/// A resource type; `profile` selects the file extensions typical for it (see fileProfile()).
struct ResourceType {
    const char* id;
    const char* title;
    double weight;
    int profile;  ///< 0 paper, 1 data, 2 software, 3 image, 4 slides, 5 video, 6 book
};

struct License {
    const char* id;
    const char* title;
    const char* url;
    double weight;
};

struct Subject {
    const char* id;
    const char* subject;
    const char* scheme;
};

struct Organisation {
    const char* id;  ///< ROR-style id, or nullptr when the vocabulary has none
    const char* name;
};

struct Journal {
    const char* title;
    const char* issn;
};

struct FileType {
    const char* ext;
    const char* mimetype;
    double logSizeMean;   ///< mean of ln(size in bytes)
    double logSizeSigma;  ///< standard deviation of ln(size)
};

struct Country {
    const char* code;
    double weight;
};

const std::vector<ResourceType>& resourceTypes();
const std::vector<Term>& languages();
const std::vector<License>& licenses();
const std::vector<Subject>& subjects();
const std::vector<const char*>& keywords();
const std::vector<Organisation>& institutions();
const std::vector<Organisation>& funders();
const std::vector<Term>& publishers();  ///< id unused; title is the publisher name
const std::vector<Journal>& journals();
const std::vector<const char*>& givenNames();
const std::vector<const char*>& familyNames();
const std::vector<Term>& contributorRoles();

const std::vector<const char*>& titleTopics();
const std::vector<const char*>& titleMethods();
const std::vector<const char*>& titleObjects();
const std::vector<const char*>& titlePlaces();
const std::vector<const char*>& communityTopics();
const std::vector<const char*>& communityKinds();

const std::vector<FileType>& fileTypes();
/// Indices into fileTypes() with weights, for the primary file of a resource-type profile.
const std::vector<std::pair<int, double>>& fileProfile(int profile);
/// Indices into fileTypes() with weights, for supplementary files.
const std::vector<std::pair<int, double>>& supplementaryFiles();
const std::vector<const char*>& fileBaseNames();

const std::vector<Country>& countries();

/// User agents by visitor kind. Browsers are matched by neither the COUNTER robots list nor the
/// Make Data Count machine list; crawlers and scripts are robots; machine agents match the MDC
/// machine list (and, with the bundled lists, the COUNTER list as well); API clients are neither.
const std::vector<Term>& browserAgents();  ///< id = user agent
const std::vector<const char*>& crawlerAgents();
const std::vector<const char*>& scriptAgents();  ///< starts with curl/8.0 and python-requests/2.31
const std::vector<const char*>& machineAgents();
const std::vector<const char*>& apiAgents();

const std::vector<const char*>& searchQueries();
const std::vector<const char*>& otherReferrers();

}  // namespace statshost::demo::vocab
