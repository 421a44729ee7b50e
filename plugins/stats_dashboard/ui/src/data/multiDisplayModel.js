/// Data of a multi-display (API_UI.md 6.7): one value per item of a subcount (sum over the range for deltas,
/// latest value on or before the end for snapshots), ranked with an "Other" row.
import { globalSeriesOf, modeOfCategory, seriesOf } from "./categories.js";
import { excludedIdsFor, rankItems, reduceSeries } from "./series.js";

export function multiDisplayModel(stats, { category, subcount, metric, start, end, pageSize = 10, useGlobalTotal = true }) {
  const mode = modeOfCategory(category);
  const items = seriesOf(stats, category, subcount, metric).map((s) => ({
    id: s.id, name: s.name, valueType: s.valueType, value: reduceSeries(s.data, start, end, mode),
  }));
  const global = useGlobalTotal ? globalSeriesOf(stats, category, metric) : null;
  const total = global ? reduceSeries(global.data, start, end, mode) : 0;
  return { mode, ...rankItems(items, { pageSize, total, excludedIds: excludedIdsFor(subcount) }) };
}

/// Search link of an item (facet filter where the search page has one, else a field query).
const FACETS = { resourceTypes: "resource_type", languages: "language", accessStatuses: "access_status", fileTypes: "file_type" };
const FIELDS = {
  subjects: "metadata.subjects.id", publishers: "metadata.publisher", rights: "metadata.rights.id",
  funders: "metadata.funding.funder.id", affiliations: "metadata.creators.affiliations.id",
  periodicals: "custom_fields.journal\\:journal.title",
};

export function itemLink(searchUrl, subcount, id) {
  if (!searchUrl || id === "other") return null;
  const base = String(subcount).replace(/(ByView|ByDownload)$/, "");
  if (FACETS[base]) return `${searchUrl}?q=&f=${FACETS[base]}:${encodeURIComponent(id)}`;
  if (FIELDS[base]) return `${searchUrl}?q=${encodeURIComponent(`${FIELDS[base]}:"${id}"`)}`;
  return null;
}
