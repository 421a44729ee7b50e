/// Locale-aware, time-zone-free (UTC) date labels per granularity (API_UI.md 6.10).
import { addDays, parseIsoDate, quarterOf, weekStart } from "../data/dates.js";

function fmt(locale, options) {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...options });
}

/// A single day: "Jan 15, 2024" (medium) or "January 15, 2024" (long).
export function formatDay(iso, locale = "en", length = "medium") {
  return fmt(locale, { dateStyle: length }).format(parseIsoDate(iso));
}

/// Label of the bucket that starts at/contains iso: day, week ("Jan 15 – 21, 2024"), month ("January 2024"),
/// quarter ("Q1 2024"), year ("2024"). Accepts bucket keys ("2024-01", "2024-Q1", "2024") too.
export function formatPeriod(key, granularity, locale = "en") {
  const iso = periodStart(key);
  switch (granularity) {
    case "week": {
      const start = weekStart(iso);
      return fmt(locale, { month: "short", day: "numeric", year: "numeric" }).formatRange(parseIsoDate(start), parseIsoDate(addDays(start, 6)));
    }
    case "month": return fmt(locale, { month: "long", year: "numeric" }).format(parseIsoDate(iso));
    case "quarter": return `Q${quarterOf(iso)} ${iso.slice(0, 4)}`;
    case "year": return iso.slice(0, 4);
    default: return formatDay(iso, locale);
  }
}

/// Short axis label of a bucket: day/week "Jan 15", month "Jan 2024", quarter "Q1 2024", year "2024".
export function formatAxisLabel(key, granularity, locale = "en") {
  const iso = periodStart(key);
  switch (granularity) {
    case "day":
    case "week": return fmt(locale, { month: "short", day: "numeric" }).format(parseIsoDate(iso));
    case "month": return fmt(locale, { month: "short", year: "numeric" }).format(parseIsoDate(iso));
    default: return formatPeriod(key, granularity, locale);
  }
}

/// First ISO day of a bucket key ("2024-03" -> "2024-03-01", "2024-Q2" -> "2024-04-01", "2024" -> "2024-01-01").
export function periodStart(key) {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return `${q[1]}-${String((+q[2] - 1) * 3 + 1).padStart(2, "0")}-01`;
  if (/^\d{4}$/.test(key)) return `${key}-01-01`;
  if (/^\d{4}-\d{2}$/.test(key)) return `${key}-01`;
  return key;
}

/// A date range "Jan 1 – Mar 31, 2024" (collapsed by Intl where the parts agree).
export function formatRange(start, end, locale = "en") {
  return fmt(locale, { dateStyle: "medium" }).formatRange(parseIsoDate(start), parseIsoDate(end));
}
