/// A small message catalogue: t(key, vars) looks the key up in the active language, then in English, then
/// returns the key itself. "{{name}}" placeholders are replaced by vars.name. Catalogues are plain objects in
/// messages/<lang>.js; add a language by adding a file and listing it in CATALOGUES.
import en from "./messages/en.js";
import de from "./messages/de.js";

export const CATALOGUES = { en, de };

let active = { locale: "en", messages: en };

/// Picks the best catalogue for a BCP 47 tag ("de-AT" -> de) and keeps the full tag for Intl formatting.
export function setLocale(tag) {
  const locale = tag || "en";
  const language = locale.toLowerCase().split("-")[0];
  active = { locale, messages: CATALOGUES[language] || en };
  return active.locale;
}

export function getLocale() {
  return active.locale;
}

export function interpolate(text, vars) {
  return String(text).replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name) => (vars && name in vars ? String(vars[name]) : whole));
}

/// True when the active or the English catalogue has the key.
export function hasMessage(key) {
  return key in active.messages || key in en;
}

export function t(key, vars) {
  const text = active.messages[key] ?? en[key] ?? key;
  return interpolate(text, vars);
}

/// Localised label of a DataSeries name: a string, or {lang: text} (exact language, then English, then the
/// first entry), or the fallback (the id) when empty.
export function localizeLabel(name, fallback = "") {
  if (name && typeof name === "object") {
    const language = active.locale.toLowerCase().split("-")[0];
    const text = name[active.locale] || name[language] || name.en || Object.values(name)[0];
    return text ? String(text) : String(fallback);
  }
  return name ? String(name) : String(fallback);
}

/// Chooses the page locale: explicit config, then <html lang>, then the browser, then English.
export function detectLocale(config, doc = globalThis.document, nav = globalThis.navigator) {
  return config?.locale || doc?.documentElement?.lang || nav?.language || "en";
}
