/// Calendar helpers on ISO dates ("YYYY-MM-DD"). Every computation is in UTC so results never depend on the
/// viewer's time zone (the original filtered years in local time).

const DAY_MS = 86400000;

/// "YYYY-MM-DD" -> Date at 00:00 UTC. Throws on anything that is not a real calendar date.
export function parseIsoDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text).slice(0, 10));
  if (!m) throw new Error(`not an ISO date: ${text}`);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    throw new Error(`not a calendar date: ${text}`);
  }
  return d;
}

/// Date -> "YYYY-MM-DD" (UTC).
export function toIsoDate(date) {
  return date.toISOString().slice(0, 10);
}

/// Whole UTC day of any Date (drops the time of day).
export function utcDay(date) {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function addDays(iso, n) {
  return toIsoDate(new Date(parseIsoDate(iso).getTime() + n * DAY_MS));
}

/// Adds calendar months to the first day of iso's month (day clamped to 1).
export function addMonthsToMonthStart(iso, n) {
  const d = parseIsoDate(iso);
  return toIsoDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
}

/// Number of days from a to b (b - a), both ISO dates.
export function daysBetween(a, b) {
  return Math.round((parseIsoDate(b).getTime() - parseIsoDate(a).getTime()) / DAY_MS);
}

/// Every ISO date from start to end inclusive ([] when end < start).
export function eachDay(start, end) {
  const out = [];
  const last = parseIsoDate(end).getTime();
  for (let t = parseIsoDate(start).getTime(); t <= last; t += DAY_MS) out.push(toIsoDate(new Date(t)));
  return out;
}

export function monthStart(iso) {
  return `${iso.slice(0, 7)}-01`;
}

export function monthEnd(iso) {
  return addDays(addMonthsToMonthStart(iso, 1), -1);
}

export function quarterOf(iso) {
  return Math.floor((+iso.slice(5, 7) - 1) / 3) + 1;
}

export function quarterStart(iso) {
  const month = (quarterOf(iso) - 1) * 3 + 1;
  return `${iso.slice(0, 4)}-${String(month).padStart(2, "0")}-01`;
}

export function quarterEnd(iso) {
  return addDays(addMonthsToMonthStart(quarterStart(iso), 3), -1);
}

/// Monday of the ISO week containing iso.
export function weekStart(iso) {
  const weekday = (parseIsoDate(iso).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(iso, -weekday);
}

export function weekEnd(iso) {
  return addDays(weekStart(iso), 6);
}

/// ISO-8601 week number: {year, week}; the week belongs to the year of its Thursday.
export function isoWeek(iso) {
  const thursday = addDays(weekStart(iso), 3);
  const year = +thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return { year, week };
}

/// Today as an ISO date in UTC (injectable clock for tests: pass a Date).
export function todayIso(now = new Date()) {
  return toIsoDate(utcDay(now));
}
