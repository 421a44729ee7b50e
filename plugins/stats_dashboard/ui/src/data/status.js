/// Page status decisions (API_UI.md 6.9) as pure functions.
import { isEmptyStats } from "./categories.js";
import { pointDate } from "./series.js";

/// Latest date holding a data point in any global series (the day the aggregates reach), or null.
export function latestDataDate(stats) {
  let latest = null;
  for (const category of Object.values(stats || {})) {
    for (const list of Object.values(category?.global || {})) {
      for (const s of Array.isArray(list) ? list : []) {
        const last = s.data?.[s.data.length - 1];
        if (last) {
          const d = pointDate(last[0], s.year);
          if (!latest || d > latest) latest = d;
        }
      }
    }
  }
  return latest;
}

/// Which message the page shows: {kind: "error"|"info"|"banner"|null, titleKey, textKey}.
export function pageMessage({ status, stats, settings }) {
  if (status === "error") return { kind: "error", titleKey: "state.errorTitle", textKey: "state.errorText" };
  if (status === "loading" || status === "updating") return { kind: null };
  const empty = isEmptyStats(stats);
  const busy = settings.aggInProgress || settings.cachingInProgress;
  if (empty || settings.firstRunIncomplete) {
    const titleKey = settings.firstRunIncomplete && !empty ? "state.inProgressTitle" : "state.noDataTitle";
    const textKey = settings.firstRunIncomplete ? "state.firstRun" : busy ? "state.busy" : "state.noDataPeriod";
    return { kind: "info", titleKey, textKey };
  }
  if (busy) return { kind: "banner", textKey: "state.updateInProgress" };
  return { kind: null };
}
