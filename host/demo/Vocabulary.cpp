#include "demo/Vocabulary.h"

#include <utility>

namespace statshost::demo::vocab {

const std::vector<ResourceType>& resourceTypes() {
    static const std::vector<ResourceType> v = {
        {"dataset", "Dataset", 26, 1},
        {"publication-article", "Journal article", 21, 0},
        {"publication-preprint", "Preprint", 8, 0},
        {"software", "Software", 8, 2},
        {"image-figure", "Figure", 6, 3},
        {"publication-conferencepaper", "Conference paper", 5, 0},
        {"presentation", "Presentation", 5, 4},
        {"poster", "Poster", 4, 4},
        {"publication-report", "Report", 4, 0},
        {"publication-thesis", "Thesis", 3, 0},
        {"publication-book", "Book", 2, 6},
        {"publication-section", "Book section", 2, 6},
        {"image-photo", "Photo", 2, 3},
        {"video", "Video/Audio", 1.5, 5},
        {"lesson", "Lesson", 1, 4},
        {"other", "Other", 1.5, 1},
    };
    return v;
}

const std::vector<Term>& languages() {
    static const std::vector<Term> v = {
        {"eng", "English", 70}, {"deu", "German", 6},     {"fra", "French", 5},   {"spa", "Spanish", 5},
        {"por", "Portuguese", 3}, {"ita", "Italian", 2},  {"nld", "Dutch", 1.5},  {"pol", "Polish", 1},
        {"jpn", "Japanese", 1},  {"zho", "Chinese", 1.5}, {"rus", "Russian", 1},  {"ara", "Arabic", 0.5},
        {"swe", "Swedish", 0.5}, {"fin", "Finnish", 0.3}, {"ell", "Greek", 0.3},  {"tur", "Turkish", 0.3},
    };
    return v;
}

const std::vector<License>& licenses() {
    static const std::vector<License> v = {
        {"cc-by-4.0", "Creative Commons Attribution 4.0 International",
         "https://creativecommons.org/licenses/by/4.0/legalcode", 52},
        {"cc0-1.0", "Creative Commons Zero v1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/legalcode",
         12},
        {"cc-by-sa-4.0", "Creative Commons Attribution Share Alike 4.0 International",
         "https://creativecommons.org/licenses/by-sa/4.0/legalcode", 6},
        {"cc-by-nc-4.0", "Creative Commons Attribution Non Commercial 4.0 International",
         "https://creativecommons.org/licenses/by-nc/4.0/legalcode", 5},
        {"cc-by-nc-nd-4.0", "Creative Commons Attribution Non Commercial No Derivatives 4.0 International",
         "https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode", 3},
        {"mit", "MIT License", "https://opensource.org/licenses/MIT", 7},
        {"apache-2.0", "Apache License 2.0", "https://www.apache.org/licenses/LICENSE-2.0", 4},
        {"gpl-3.0-only", "GNU General Public License v3.0 only", "https://www.gnu.org/licenses/gpl-3.0.html", 2},
        {"bsd-3-clause", "BSD 3-Clause \"New\" or \"Revised\" License", "https://opensource.org/licenses/BSD-3-Clause",
         1.5},
        {"arr", "All rights reserved", "https://example.org/licenses/all-rights-reserved", 6},
    };
    return v;
}

const std::vector<Subject>& subjects() {
    static const std::vector<Subject> v = {
        {"fos:1.1", "Mathematics", "FOS"},
        {"fos:1.2", "Computer and information sciences", "FOS"},
        {"fos:1.3", "Physical sciences", "FOS"},
        {"fos:1.4", "Chemical sciences", "FOS"},
        {"fos:1.5", "Earth and related environmental sciences", "FOS"},
        {"fos:1.6", "Biological sciences", "FOS"},
        {"fos:2.2", "Electrical engineering, electronic engineering, information engineering", "FOS"},
        {"fos:2.7", "Environmental engineering", "FOS"},
        {"fos:3.1", "Basic medicine", "FOS"},
        {"fos:3.3", "Health sciences", "FOS"},
        {"fos:4.1", "Agriculture, forestry, and fisheries", "FOS"},
        {"fos:5.1", "Psychology", "FOS"},
        {"fos:5.2", "Economics and business", "FOS"},
        {"fos:5.4", "Sociology", "FOS"},
        {"fos:5.8", "Media and communications", "FOS"},
        {"fos:6.1", "History and archaeology", "FOS"},
        {"fos:6.2", "Languages and literature", "FOS"},
        {"fos:6.3", "Philosophy, ethics and religion", "FOS"},
        {"fos:6.4", "Arts (arts, history of arts, performing arts, music)", "FOS"},
        {"https://demo.example.org/vocab/topics/0042", "Climate change adaptation", "DemoTopics"},
        {"https://demo.example.org/vocab/topics/0117", "Open science", "DemoTopics"},
        {"https://demo.example.org/vocab/topics/0230", "Machine learning", "DemoTopics"},
        {"https://demo.example.org/vocab/topics/0311", "Public health", "DemoTopics"},
        {"https://demo.example.org/vocab/topics/0405", "Marine ecology", "DemoTopics"},
        {"https://demo.example.org/vocab/topics/0519", "Digital humanities", "DemoTopics"},
    };
    return v;
}

const std::vector<const char*>& keywords() {
    static const std::vector<const char*> v = {
        "time series", "panel data", "reproducibility", "remote sensing", "citizen science", "field survey",
        "simulation", "benchmark", "open data", "metadata", "ontology", "sediment cores", "gene expression",
        "soil moisture", "urban mobility", "oral history", "corpus linguistics", "interview transcripts",
        "Bayesian inference", "neural networks", "grassland", "coral reefs", "air quality", "heat waves",
        "teaching material", "workshop", "software release", "Python", "R package", "GIS",
        "photogrammetry", "manuscripts", "early modern period", "migration", "élevage", "Küstenschutz",
        "educação", "気候変動",
    };
    return v;
}

const std::vector<Organisation>& institutions() {
    static const std::vector<Organisation> v = {
        {"04dm1x2a7", "Northbridge University"},
        {"01kq7m3b9", "Institute for Coastal Research"},
        {"03hv8r5c1", "Eastfield Technical University"},
        {"05tz2n6d4", "Lakeside Medical Centre"},
        {"02wp4k8e3", "National Observatory of Westmark"},
        {"00rb9j1f6", "Université de Valmont"},
        {"06cx3q7g2", "Hochschule Tannberg"},
        {"07mf5s2h8", "Centre for Digital Heritage"},
        {"01yd6w9j5", "Southern Institute of Agriculture"},
        {"03gn1t4k0", "Riverside Polytechnic"},
        {"04ks7v3m2", "Universidad de San Aurelio"},
        {"02ae8c5n7", "Kestrel Laboratory for Materials Science"},
        {"05lh2b6p9", "Mountain Ecology Station"},
        {"00zu4e7q1", "Institute of Applied Linguistics"},
        {nullptr, "Independent researcher"},
        {nullptr, "Harbour Town Public Library"},
        {nullptr, "Department of History, Ashcombe College"},
        {nullptr, "Greenway Data Cooperative"},
        {nullptr, "Museum of Natural Sciences, Orlin"},
        {nullptr, "Fjordvik Climate Lab"},
    };
    return v;
}

const std::vector<Organisation>& funders() {
    static const std::vector<Organisation> v = {
        {"03fund0a1", "European Research Programme"},
        {"01fund7b3", "National Science Agency"},
        {"02fund4c8", "Foundation for Open Knowledge"},
        {"04fund2d6", "Ministry of Education and Research"},
        {"05fund9e2", "Helix Medical Research Trust"},
        {"00fund3f5", "Regional Innovation Council"},
        {nullptr, "Northbridge University Seed Grant"},
        {nullptr, "Private donation"},
    };
    return v;
}

const std::vector<Term>& publishers() {
    static const std::vector<Term> v = {
        {"", "Demo Repository", 55},
        {"", "Northbridge University Press", 8},
        {"", "Open Science Publishing", 7},
        {"", "Coastal Research Press", 4},
        {"", "Editorial Universidad de San Aurelio", 3},
        {"", "Verlag für Wissenschaft & Technik", 2},
        {"", "Pressed Leaf Books", 2},
    };
    return v;
}

const std::vector<Journal>& journals() {
    static const std::vector<Journal> v = {
        {"Journal of Applied Examples", "2049-0001"},
        {"Annals of Coastal Studies", "1873-5522"},
        {"Computational Methods Letters", "2367-8841"},
        {"Revista de Estudios Regionales", "0214-9915"},
        {"Historical Data Review", "2590-1427"},
        {"Environmental Monitoring & Assessment Notes", "1573-2959"},
        {"Zeitschrift für Datenkultur", "2191-6683"},
        {"Open Research Reports", "2052-4463"},
    };
    return v;
}

const std::vector<const char*>& givenNames() {
    static const std::vector<const char*> v = {
        "Amara", "Jonas", "Li", "Sofia", "Mateo", "Ingrid", "Kwame", "Yuki", "Priya", "Tomasz", "Chloé",
        "Rafael", "Aiko", "Fatima", "Lars", "Noor", "Diego", "Hannah", "Oluwaseun", "Mei", "Björn", "Zeynep",
        "Ana", "Pierre", "Ravi",
    };
    return v;
}

const std::vector<const char*>& familyNames() {
    static const std::vector<const char*> v = {
        "Okafor", "Lindqvist", "Wang", "Moreau", "García", "Novak", "Tanaka", "Schmidt", "Kowalski", "Rossi",
        "Haddad", "Nguyen", "Müller", "Silva", "O'Connor", "Petrov", "Mensah", "Kaur", "Andersen", "Dubois",
        "Yilmaz", "Fernández", "Sato", "Brown", "Ibrahim",
    };
    return v;
}

const std::vector<Term>& contributorRoles() {
    static const std::vector<Term> v = {
        {"editor", "Editor", 3},          {"datacollector", "Data collector", 3},
        {"supervisor", "Supervisor", 2},  {"researcher", "Researcher", 3},
        {"projectleader", "Project leader", 1}, {"other", "Other", 1},
    };
    return v;
}

const std::vector<const char*>& titleTopics() {
    static const std::vector<const char*> v = {
        "soil carbon", "river discharge", "urban heat islands", "seagrass meadows", "language contact",
        "vaccination uptake", "wind turbine wakes", "medieval charters", "household energy use",
        "glacier retreat", "pollinator decline", "student wellbeing", "microplastics", "election turnout",
        "protein folding", "coastal erosion", "bird migration", "\"fake news\" diffusion", "ancient DNA",
        "groundwater recharge",
    };
    return v;
}

const std::vector<const char*>& titleMethods() {
    static const std::vector<const char*> v = {
        "A survey of", "Measurements of", "Modelling", "A dataset on", "Code and data for",
        "Long-term monitoring of", "Revisiting", "Supplementary material:", "Mapping", "An atlas of",
        "Interviews on", "Simulations of",
    };
    return v;
}

const std::vector<const char*>& titleObjects() {
    static const std::vector<const char*> v = {
        "(2015–2022)", "— wave 2", "in small catchments", "across three regions", "under drought stress",
        "at high resolution", "from archival sources", "with open tools", "version release",
        "in secondary schools",
    };
    return v;
}

const std::vector<const char*>& titlePlaces() {
    static const std::vector<const char*> v = {
        "the Westmark Basin", "Valmont", "the Northern Archipelago", "San Aurelio", "Tannberg", "Orlin",
        "the Kestrel Highlands", "Fjordvik", "Lake Ashcombe", "São Brás",
    };
    return v;
}

const std::vector<const char*>& communityTopics() {
    static const std::vector<const char*> v = {
        "Climate", "Ocean", "Digital Humanities", "Public Health", "Materials", "Linguistics", "Ecology",
        "Astronomy", "Agriculture", "Education", "Open Source", "Archaeology", "Neuroscience", "Economics",
        "Geoscience", "Music", "Robotics", "Urban Studies", "Chemistry", "Epidemiology",
    };
    return v;
}

const std::vector<const char*>& communityKinds() {
    static const std::vector<const char*> v = {
        "Research Group", "Data Collection", "Lab", "Network", "Project", "Working Group", "Conference",
        "Institute Archive", "Consortium", "Summer School",
    };
    return v;
}

const std::vector<FileType>& fileTypes() {
    static const std::vector<FileType> v = {
        {"pdf", "application/pdf", 14.0, 1.0},                                                          // 0
        {"csv", "text/csv", 13.0, 2.0},                                                                 // 1
        {"zip", "application/zip", 17.0, 2.0},                                                          // 2
        {"json", "application/json", 11.0, 1.5},                                                        // 3
        {"txt", "text/plain", 9.0, 1.5},                                                                // 4
        {"png", "image/png", 13.0, 1.0},                                                                // 5
        {"jpg", "image/jpeg", 13.5, 1.0},                                                               // 6
        {"tif", "image/tiff", 16.0, 1.0},                                                               // 7
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 12.0, 1.0},       // 8
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 12.0, 1.0}, // 9
        {"h5", "application/x-hdf5", 19.0, 2.0},                                                        // 10
        {"nc", "application/x-netcdf", 18.0, 2.0},                                                      // 11
        {"py", "text/x-python", 9.0, 1.0},                                                              // 12
        {"ipynb", "application/x-ipynb+json", 12.0, 1.0},                                               // 13
        {"mp4", "video/mp4", 19.0, 1.0},                                                                // 14
        {"xml", "application/xml", 11.0, 1.5},                                                          // 15
        {"md", "text/markdown", 8.0, 1.0},                                                              // 16
        {"gz", "application/gzip", 17.0, 2.0},                                                          // 17
        {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", 15.0, 1.0}, // 18
        {"epub", "application/epub+zip", 14.5, 1.0},                                                    // 19
    };
    return v;
}

const std::vector<std::pair<int, double>>& fileProfile(int profile) {
    static const std::vector<std::vector<std::pair<int, double>>> v = {
        {{0, 90}, {9, 6}, {19, 4}},                                    // paper
        {{1, 30}, {2, 20}, {8, 12}, {10, 8}, {11, 8}, {3, 10}, {17, 6}, {15, 6}},  // data
        {{2, 50}, {17, 20}, {12, 15}, {13, 15}},                       // software
        {{5, 40}, {6, 40}, {7, 20}},                                   // image
        {{0, 60}, {18, 40}},                                           // slides
        {{14, 100}},                                                   // video
        {{0, 75}, {19, 25}},                                           // book
    };
    return v[static_cast<std::size_t>(profile) < v.size() ? profile : 0];
}

const std::vector<std::pair<int, double>>& supplementaryFiles() {
    static const std::vector<std::pair<int, double>> v = {
        {1, 20}, {2, 15}, {4, 10}, {16, 10}, {5, 10}, {3, 8}, {8, 8}, {12, 5}, {0, 10}, {15, 4},
    };
    return v;
}

const std::vector<const char*>& fileBaseNames() {
    static const std::vector<const char*> v = {
        "data", "manuscript", "supplementary_material", "figure", "results", "survey_responses",
        "source_code", "README", "codebook", "measurements", "slides", "appendix", "Données brutes",
        "model output", "interview-protocol", "raw_images", "analysis", "release",
    };
    return v;
}

const std::vector<Country>& countries() {
    static const std::vector<Country> v = {
        {"US", 20}, {"DE", 9}, {"GB", 8}, {"FR", 6}, {"CN", 6}, {"IN", 6}, {"BR", 4}, {"IT", 4}, {"ES", 4},
        {"JP", 4},  {"CA", 4}, {"NL", 3}, {"AU", 3}, {"CH", 2}, {"SE", 2}, {"MX", 2}, {"KR", 2}, {"PL", 2},
        {"ZA", 1},  {"NG", 1}, {"AR", 1}, {"CL", 1}, {"PT", 1}, {"BE", 1}, {"AT", 1}, {"NO", 1}, {"DK", 1},
        {"FI", 1},  {"IE", 1}, {"GR", 1}, {"TR", 1}, {"ID", 1}, {"EG", 1}, {"KE", 1}, {"CO", 1}, {"NZ", 1},
    };
    return v;
}

const std::vector<Term>& browserAgents() {
    static const std::vector<Term> v = {
        {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
         "Safari/537.36",
         "", 30},
        {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
         "Safari/605.1.15",
         "", 12},
        {"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0", "", 10},
        {"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", "", 6},
        {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 "
         "Safari/537.36",
         "", 10},
        {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
         "Safari/537.36 Edg/124.0.2478.67",
         "", 8},
        {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
         "Version/17.4 Mobile/15E148 Safari/604.1",
         "", 8},
        {"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 "
         "Mobile Safari/537.36",
         "", 6},
        {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "",
         4},
        {"Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 "
         "Mobile/15E148 Safari/604.1",
         "", 2},
        {"Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 "
         "Chrome/117.0.0.0 Mobile Safari/537.36",
         "", 2},
        {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 "
         "Safari/537.36 OPR/108.0.0.0",
         "", 2},
    };
    return v;
}

const std::vector<const char*>& crawlerAgents() {
    static const std::vector<const char*> v = {
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)",
        "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
    };
    return v;
}

const std::vector<const char*>& scriptAgents() {
    static const std::vector<const char*> v = {
        "curl/8.0", "python-requests/2.31", "curl/7.88.1", "python-requests/2.31.0", "Wget/1.21.3",
    };
    return v;
}

const std::vector<const char*>& machineAgents() {
    static const std::vector<const char*> v = {
        "aria2/1.36.0", "libwww-perl/6.72", "Go-http-client/2.0", "PycURL/7.45.2 libcurl/7.88.1", "gvfs/1.50.3",
    };
    return v;
}

const std::vector<const char*>& apiAgents() {
    static const std::vector<const char*> v = {
        "Zotero/6.0.30",
        "R (4.3.2 x86_64-pc-linux-gnu x86_64 linux-gnu)",
        "Java/17.0.2",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    };
    return v;
}

const std::vector<const char*>& searchQueries() {
    static const std::vector<const char*> v = {
        "soil+carbon+dataset", "coastal+erosion+data", "river+discharge+time+series", "microplastics+survey",
        "glacier+retreat", "oral+history+interviews", "open+data+climate", "protein+folding+simulation",
    };
    return v;
}

const std::vector<const char*>& otherReferrers() {
    static const std::vector<const char*> v = {
        "https://www.bing.com/search?q=research+data",
        "https://duckduckgo.com/",
        "https://en.wikipedia.org/wiki/Open_data",
        "https://github.com/example-lab/analysis-pipeline",
        "https://t.co/x1Yz9Demo",
        "https://www.researchgate.net/publication/000000_Demo",
        "https://demo.example.org/search?q=climate",
    };
    return v;
}

}  // namespace statshost::demo::vocab
