import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import en from "../src/i18n/messages/en.js";
import de from "../src/i18n/messages/de.js";
import { localizeLabel, setLocale, t } from "../src/i18n/index.js";
import { CATALOGUE } from "../src/layout/catalogue.js";
import { DEFAULT_LAYOUT } from "../src/layout/defaultLayout.js";
import { PRESETS_BY_GRANULARITY } from "../src/data/presets.js";

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(js|jsx)$/.test(name) ? [readFileSync(path, "utf8")] : [];
  });
}

afterEach(() => setLocale("en"));

describe("message catalogues", () => {
  it("German has exactly the English keys", () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it("every literal t(...) key in the sources exists in English", () => {
    const keys = new Set(sources(new URL("../src", import.meta.url).pathname).flatMap((text) => [...text.matchAll(/\bt\(\s*"([^"]+)"/g)].map((m) => m[1])));
    expect(keys.size).toBeGreaterThan(30);
    expect([...keys].filter((k) => !(k in en))).toEqual([]);
  });

  it("every key the catalogue, presets and default layout compose exists", () => {
    const keys = [];
    for (const entry of Object.values(CATALOGUE)) {
      for (const field of ["titleKey", "itemHeader", "valueHeader"]) if (entry[field]) keys.push(entry[field]);
      for (const [, label] of entry.metrics || []) keys.push(label);
      if (entry.subcount) keys.push(`subcount.${entry.subcount}`);
    }
    for (const presets of Object.values(PRESETS_BY_GRANULARITY)) for (const p of presets) keys.push(`preset.${p}`);
    JSON.stringify(DEFAULT_LAYOUT).replace(/"@([\w.]+)"/g, (_, k) => keys.push(k));
    expect(keys.filter((k) => !(k in en))).toEqual([]);
  });

  it("switches language with fallback to English and interpolates", () => {
    expect(t("report.download")).toBe("Download");
    setLocale("de-AT");
    expect(t("report.download")).toBe("Herunterladen");
    expect(t("status.dataAsOf", { date: "1.1.2025" })).toBe("Datenstand: 1.1.2025");
    expect(t("no.such.key")).toBe("no.such.key");
    setLocale("xx");
    expect(t("report.download")).toBe("Download");
  });

  it("localises multilingual labels: exact language, English, first entry, id", () => {
    setLocale("de");
    expect(localizeLabel({ en: "English", de: "Englisch" })).toBe("Englisch");
    expect(localizeLabel({ en: "English", fr: "Anglais" })).toBe("English");
    expect(localizeLabel({ fr: "Anglais" })).toBe("Anglais");
    expect(localizeLabel("", "eng")).toBe("eng");
  });
});

describe("subcount names", () => {
  it("uses the catalogue, else splits unknown keys into words", async () => {
    const { subcountLabel } = await import("../src/components/widgets/seriesLabel.js");
    expect(subcountLabel("filePresence")).toBe("With/Without Files");
    expect(subcountLabel("affiliationsContributor")).toBe("Affiliations contributor");
  });
});
