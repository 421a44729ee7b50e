/// Display names of breakdown items: localised labels, licence ids shortened ("cc-by-4.0" -> "CC-BY-4.0"),
/// file presence ids through the catalogue, country codes through Intl.DisplayNames.
import { getLocale, hasMessage, localizeLabel, t } from "../../i18n/index.js";

export function countryName(code, locale = getLocale()) {
  try {
    return new Intl.DisplayNames([locale, "en"], { type: "region" }).of(String(code).toUpperCase()) || code;
  } catch {
    return code;
  }
}

export function itemLabel(item, subcount) {
  if (item.isOther) return t("label.other");
  if (item.id === "metadata_only") return t("label.metadataOnly");
  if (item.id === "with_files") return t("label.withFiles");
  const base = String(subcount || "").replace(/(ByView|ByDownload)$/, "");
  if (base === "countries" && /^[A-Za-z]{2}$/.test(item.id)) return countryName(item.id);
  if ((base === "rights" || base === "licenses") && /^cc/i.test(item.id)) return item.id.toUpperCase();
  return localizeLabel(item.name, item.id);
}

/// Name of a subcount in the "show separately" list: the catalogue entry, else the key split into words
/// ("affiliationsContributor" -> "Affiliations contributor") for subcounts a custom configuration adds.
export function subcountLabel(key) {
  if (hasMessage(`subcount.${key}`)) return t(`subcount.${key}`);
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
