/// Date-range presets of the DateRangeSelector (API_UI.md 6.4) as pure functions of an injected "today".
/// Every range ends today unless it names a whole past/current unit. Conventions (documented in README):
/// "N days/weeks" = the last N·(1|7) days including today; "N months/quarters/years" = the current unit
/// plus the N-1 before it; every start is clamped to Jan 1 of (this year - maxHistoryYears).
import {
  addDays, addMonthsToMonthStart, monthEnd, monthStart, parseIsoDate, quarterEnd, quarterStart,
  toIsoDate, weekEnd, weekStart,
} from "./dates.js";

export const GRANULARITIES = ["day", "week", "month", "quarter", "year"];

export const PRESETS_BY_GRANULARITY = {
  day: ["yearToDate", "7days", "30days", "90days", "6months", "1year", "allTime", "custom"],
  week: ["yearToDate", "1week", "2weeks", "4weeks", "8weeks", "12weeks", "24weeks", "allTime", "custom"],
  month: ["yearToDate", "1month", "3months", "6months", "12months", "allTime", "custom"],
  quarter: ["yearToDate", "currentQuarter", "previousQuarter", "2quarters", "3quarters", "4quarters", "allTime", "custom"],
  year: ["currentYear", "previousYear", "2years", "3years", "4years", "5years", "allTime", "custom"],
};

export const DEFAULT_RANGE_OPTIONS = { day: "30days", week: "yearToDate", month: "yearToDate", quarter: "yearToDate", year: "2years" };

/// First day the dashboard may show.
export function historyStart(today, maxHistoryYears) {
  return `${+today.slice(0, 4) - maxHistoryYears}-01-01`;
}

function unbounded(preset, today) {
  const year = +today.slice(0, 4);
  const counted = /^(\d+)(days|weeks|week|months|month|quarters|years)$/.exec(preset);
  if (counted) {
    const n = +counted[1];
    switch (counted[2]) {
      case "days": return { start: addDays(today, -(n - 1)), end: today };
      case "week":
      case "weeks": return { start: addDays(today, -(7 * n - 1)), end: today };
      case "month":
      case "months": return { start: addMonthsToMonthStart(today, -(n - 1)), end: today };
      case "quarters": return { start: addMonthsToMonthStart(quarterStart(today), -3 * (n - 1)), end: today };
      case "years": return { start: `${year - (n - 1)}-01-01`, end: today };
      default: break;
    }
  }
  switch (preset) {
    case "yearToDate":
    case "currentYear": return { start: `${year}-01-01`, end: today };
    case "previousYear": return { start: `${year - 1}-01-01`, end: `${year - 1}-12-31` };
    case "1year": {
      const d = parseIsoDate(today);
      return { start: toIsoDate(new Date(Date.UTC(year - 1, d.getUTCMonth(), d.getUTCDate() + 1))), end: today };
    }
    case "currentQuarter": return { start: quarterStart(today), end: quarterEnd(today) };
    case "previousQuarter": {
      const start = addMonthsToMonthStart(quarterStart(today), -3);
      return { start, end: quarterEnd(start) };
    }
    default: return null;
  }
}

/// {start, end} of a named preset, or null for "custom"/unknown names.
export function presetRange(preset, today, maxHistoryYears = 10) {
  if (preset === "allTime") return { start: historyStart(today, maxHistoryYears), end: today };
  const range = unbounded(preset, today);
  if (!range) return null;
  return clampRange(range, today, maxHistoryYears);
}

/// Clamps the start of a range to the history limit (end is left alone).
export function clampRange(range, today, maxHistoryYears) {
  const first = historyStart(today, maxHistoryYears);
  return range.start < first ? { ...range, start: first } : range;
}

/// Widens a range to whole units of a granularity (Mon-Sun weeks, months, quarters, years).
export function expandToGranularity(range, granularity) {
  switch (granularity) {
    case "week": return { start: weekStart(range.start), end: weekEnd(range.end) };
    case "month": return { start: monthStart(range.start), end: monthEnd(range.end) };
    case "quarter": return { start: quarterStart(range.start), end: quarterEnd(range.end) };
    case "year": return { start: `${range.start.slice(0, 4)}-01-01`, end: `${range.end.slice(0, 4)}-12-31` };
    default: return { ...range };
  }
}

/// Initial preset for a granularity from dashboard_config.default_range_options.
export function defaultPreset(granularity, options = DEFAULT_RANGE_OPTIONS) {
  const wanted = (options || {})[granularity] || DEFAULT_RANGE_OPTIONS[granularity];
  return PRESETS_BY_GRANULARITY[granularity]?.includes(wanted) ? wanted : PRESETS_BY_GRANULARITY[granularity][0];
}

/// Validates a custom range typed by the user: both real dates, end >= start. Returns an error key or null.
export function validateCustomRange(start, end) {
  try {
    parseIsoDate(start);
  } catch {
    return "range.invalidStart";
  }
  try {
    parseIsoDate(end);
  } catch {
    return "range.invalidEnd";
  }
  return end < start ? "range.endBeforeStart" : null;
}
