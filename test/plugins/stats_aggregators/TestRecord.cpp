#include "TestRecord.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace statshost::test {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr titled(const std::string& id, const std::string& title) {
    Object::Ptr o = new Object;
    o->set("id", id);
    if (!title.empty()) {
        Object::Ptr t = new Object;
        t->set("en", title);
        o->set("title", t);
    }
    return o;
}

}  // namespace

std::string TestRecord::json() const {
    Object::Ptr root = new Object;
    root->set("id", id);
    root->set("created", created);

    Object::Ptr parentObj = new Object;
    parentObj->set("id", parent);
    if (!owner.empty()) {
        Object::Ptr ownedBy = new Object;
        ownedBy->set("user", owner);
        Object::Ptr access = new Object;
        access->set("owned_by", ownedBy);
        parentObj->set("access", access);
    }
    if (communities != "-") {
        Array::Ptr ids = new Array;
        std::stringstream list(communities);
        std::string item;
        while (std::getline(list, item, ','))
            if (!item.empty()) ids->add(item);
        Object::Ptr comms = new Object;
        comms->set("ids", ids);
        parentObj->set("communities", comms);
    }
    root->set("parent", parentObj);

    Object::Ptr metadata = new Object;
    metadata->set("title", "Record " + id);
    if (!publicationDate.empty()) metadata->set("publication_date", publicationDate);
    if (!resourceType.empty()) metadata->set("resource_type", titled(resourceType, resourceTitle));
    if (!languages.empty()) {
        Array::Ptr langs = new Array;
        for (const auto& [lid, title] : languages) langs->add(titled(lid, title));
        metadata->set("languages", langs);
    }
    if (!subjects.empty()) {
        Array::Ptr subs = new Array;
        for (const auto& [sid, text] : subjects) {
            Object::Ptr s = new Object;
            if (!sid.empty()) s->set("id", sid);
            s->set("subject", text);
            subs->add(s);
        }
        metadata->set("subjects", subs);
    }
    if (!publisher.empty()) metadata->set("publisher", publisher);
    if (!creatorAffiliations.empty()) {
        Array::Ptr affs = new Array;
        for (const auto& [aid, name] : creatorAffiliations) {
            Object::Ptr a = new Object;
            if (!aid.empty()) a->set("id", aid);
            a->set("name", name);
            affs->add(a);
        }
        Object::Ptr creator = new Object;
        Object::Ptr person = new Object;
        person->set("name", "Someone");
        creator->set("person_or_org", person);
        creator->set("affiliations", affs);
        Array::Ptr creators = new Array;
        creators->add(creator);
        metadata->set("creators", creators);
    }
    root->set("metadata", metadata);

    Object::Ptr accessObj = new Object;
    accessObj->set("status", access);
    root->set("access", accessObj);

    Object::Ptr filesObj = new Object;
    filesObj->set("enabled", !files.empty());
    if (!files.empty()) {
        Object::Ptr entries = new Object;
        for (const TestFile& f : files) {
            Object::Ptr e = new Object;
            e->set("key", f.key);
            e->set("size", f.size);
            if (!f.ext.empty()) e->set("ext", f.ext);
            entries->set(f.key, e);
        }
        filesObj->set("entries", entries);
    }
    root->set("files", filesObj);

    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(root, out);
    return out.str();
}

}  // namespace statshost::test
