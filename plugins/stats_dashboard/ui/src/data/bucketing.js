/// Time bucketing of daily points by granularity. Delta series are summed per bucket, snapshot (cumulative)
/// series keep the last value of the bucket. Bucket keys: day "YYYY-MM-DD", week = its Monday "YYYY-MM-DD"
/// (ISO weeks, so a week spanning New Year stays one bucket), month "YYYY-MM", quarter "YYYY-Qn", year "YYYY".
import { eachDay, quarterOf, weekStart } from "./dates.js";

export function bucketKey(iso, granularity) {
  switch (granularity) {
    case "week": return weekStart(iso);
    case "month": return iso.slice(0, 7);
    case "quarter": return `${iso.slice(0, 4)}-Q${quarterOf(iso)}`;
    case "year": return iso.slice(0, 4);
    default: return iso;
  }
}

/// points: [[iso, value]] sorted by date. Returns [[bucketKey, value]] in date order.
export function bucketPoints(points, granularity, mode) {
  const out = [];
  let currentKey = null;
  for (const [date, value] of points) {
    const key = bucketKey(date, granularity);
    if (key !== currentKey) {
      out.push([key, mode === "snapshot" ? value : 0]);
      currentKey = key;
    }
    const last = out[out.length - 1];
    last[1] = mode === "snapshot" ? value : last[1] + value;
  }
  return out;
}

/// Makes a daily series dense over [start, end]: deltas get 0 on missing days; snapshots carry the last known
/// value forward (0 before the first known value). Points outside the range are used only as carry-in.
export function fillDaily(points, start, end, mode) {
  const byDate = new Map(points);
  let carry = 0;
  if (mode === "snapshot") {
    for (const [date, value] of points) if (date < start) carry = value;
  }
  return eachDay(start, end).map((date) => {
    if (byDate.has(date)) carry = byDate.get(date);
    else if (mode !== "snapshot") return [date, 0];
    return [date, mode === "snapshot" ? carry : byDate.get(date)];
  });
}
