import { describe, expect, it } from "vitest";
import {
  answerOf, communityRows, leaderboardRequest, levelFor, periodTitle, recordHref, recordRows, uploaderRows,
} from "../src/data/leaderboards.js";
import { t } from "../src/i18n/index.js";

const records = {
  query: "top-records",
  entries: [
    { rank: 1, id: "r4", parent: "p4", title: "Dune data", views: 9, downloads: 0, data_volume: 0, deleted: false, url: "/records/r4" },
    { rank: 2, id: "r3", parent: "p3", title: "", views: 5, downloads: 2, data_volume: 1500, deleted: true },
  ],
};

describe("leaderboard requests", () => {
  it("builds one named query with the range, metric, level and size", () => {
    expect(leaderboardRequest("top-records", { communityId: "c1", start: "2024-01-01", end: "2024-12-31", metric: "views", level: "parent", size: 6 }))
      .toEqual({ "top-records": { stat: "top-records", params: { community_id: "c1", start_date: "2024-01-01", end_date: "2024-12-31", metric: "views", level: "parent", size: 6 } } });
  });

  it("defaults to the global statistics and sends level only for records", () => {
    const body = leaderboardRequest("top-uploaders", { communityId: null, metric: "records", level: "parent" });
    expect(body["top-uploaders"].params).toEqual({ community_id: "global", metric: "records", size: 10 });
  });

  it("maps the versions/parents toggle to the level", () => {
    expect(levelFor("versions")).toBe("version");
    expect(levelFor("parents")).toBe("parent");
  });
});

describe("leaderboard rows", () => {
  it("ranks records with titles, links and the deleted flag", () => {
    expect(recordRows(records, "views")).toEqual([
      { key: "r4", rank: 1, label: "Dune data", href: "/records/r4", value: 9, deleted: false },
      { key: "r3", rank: 2, label: "r3", href: "/records/r3", value: 5, deleted: true },
    ]);
    expect(recordRows(records, "volume").map((r) => r.value)).toEqual([0, 1500]);
  });

  it("fills the URL template when an entry carries no url", () => {
    expect(recordHref({ id: "a b", parent: "p" }, "/x/{parent_id}/{id}")).toBe("/x/p/a%20b");
  });

  it("shows uploader names, else the opaque id", () => {
    const rows = uploaderRows({ entries: [{ rank: 1, id: "17", name: "Jane Doe", records: 3 }, { rank: 2, id: "9", name: null, records: 2 }] }, "records", t);
    expect(rows.map((r) => [r.label, r.value])).toEqual([["Jane Doe", 3], ["User 9", 2]]);
  });

  it("links communities whose dashboard is enabled", () => {
    const rows = communityRows({ entries: [
      { rank: 1, id: "c1", slug: "one", title: "One", records: 3, views: 10, dashboard_enabled: true },
      { rank: 2, id: "c3", slug: "three", title: "", records: 1, views: 0, dashboard_enabled: false },
    ] }, "views");
    expect(rows.map((r) => [r.label, r.href, r.value])).toEqual([["One", "/communities/one/stats", 10], ["three", null, 0]]);
  });

  it("reads an answer out of the response and tolerates a missing one", () => {
    expect(answerOf({ "top-records": records }, "top-records")).toBe(records);
    expect(answerOf({}, "top-records")).toEqual({ entries: [] });
    expect(answerOf(null, "top-records").entries).toEqual([]);
  });
});

describe("period titles", () => {
  it("follows the selected range", () => {
    expect(periodTitle(t, "leaderboard.mostViewed", { start: "2024-01-01", end: "2024-12-31" })).toBe("Most viewed works, 2024-01-01 – 2024-12-31");
    expect(periodTitle(t, "leaderboard.topUploaders", { start: "2025-03-01", end: "2025-03-31" })).toBe("Top uploaders, 2025-03-01 – 2025-03-31");
  });
});
