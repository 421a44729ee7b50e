/// Locale-aware number and byte formatting (API_UI.md 6.10) on Intl.NumberFormat.

const DECIMAL_UNITS = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
const BINARY_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

function special(n) {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "∞";
  if (n === -Infinity) return "-∞";
  return null;
}

/// style: "default" (grouped integer), "compact" (short notation, at most 2 decimals, only from
/// compactThreshold up; below it the default style), "percent" (input is a fraction, 1 decimal).
export function formatNumber(value, style = "default", { locale = "en", compactThreshold = 0 } = {}) {
  const n = Number(value);
  const s = special(n);
  if (s) return s;
  if (style === "percent") {
    return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(n);
  }
  if (style === "compact" && Math.abs(n) >= compactThreshold) {
    return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 2 }).format(n);
  }
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/// Bytes with decimal (kB = 1000) or binary (KiB = 1024) units, one decimal above bytes ("1.5 kB"),
/// whole bytes below one unit ("512 B", "1 B").
export function formatBytes(value, { locale = "en", binary = false } = {}) {
  const n = Number(value);
  const s = special(n);
  if (s) return s;
  const base = binary ? 1024 : 1000;
  const units = binary ? BINARY_UNITS : DECIMAL_UNITS;
  let scaled = Math.abs(n);
  let unit = 0;
  while (scaled >= base && unit < units.length - 1) {
    scaled /= base;
    unit += 1;
  }
  const sign = n < 0 ? -1 : 1;
  if (unit === 0) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n)} B`;
  const text = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(sign * scaled);
  return `${text} ${units[unit]}`;
}

/// Formats a metric value by its DataSeries valueType ("filesize" -> bytes, else number style).
export function formatValue(value, valueType, { locale = "en", binary = false, style = "default", compactThreshold = 0 } = {}) {
  return valueType === "filesize" ? formatBytes(value, { locale, binary }) : formatNumber(value, style, { locale, compactThreshold });
}
