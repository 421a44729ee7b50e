/// Dashboard state shared by every widget: settings, range, granularity, counting mode and the loaded stats.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { PRESETS_BY_GRANULARITY, defaultPreset, expandToGranularity, presetRange } from "../data/presets.js";
import { todayIso } from "../data/dates.js";
import { fetchStats } from "../data/api.js";
import { statsFromResponse } from "../data/categories.js";
import { latestDataDate } from "../data/status.js";

const DashboardContext = createContext(null);

export function useDashboard() {
  const value = useContext(DashboardContext);
  if (!value) throw new Error("useDashboard outside DashboardProvider");
  return value;
}

export function DashboardProvider({ settings, community, locale, today = todayIso(), children }) {
  const [granularity, setGranularityState] = useState(settings.defaultGranularity);
  const initialPreset = defaultPreset(settings.defaultGranularity, settings.defaultRangeOptions);
  const [preset, setPreset] = useState(initialPreset);
  const [range, setRange] = useState(() => presetRange(initialPreset, today, settings.maxHistoryYears));
  const [countBy, setCountBy] = useState("versions");
  const [load, setLoad] = useState({ stats: null, status: "loading", error: null, fetchedAt: null });
  // Latest aggregated day seen in any response: ranges ending in the past must not move it back.
  const [dataAsOf, setDataAsOf] = useState(null);
  const cache = useRef(new Map());

  useEffect(() => {
    let cancelled = false;
    const key = `${settings.communityId}|${settings.dateBasis}|${range.start}|${range.end}`;
    const cached = cache.current.get(key);
    if (cached) {
      setLoad({ stats: cached.stats, status: "ready", error: null, fetchedAt: cached.fetchedAt });
      return undefined;
    }
    setLoad((prev) => ({ ...prev, status: prev.stats ? "updating" : "loading", error: null }));
    const request = settings.useTestData
      ? import("../data/testData.js").then((m) => m.generateTestStats(range.start, range.end))
      : fetchStats(settings.apiUrl, { communityId: settings.communityId, start: range.start, end: range.end, dateBasis: settings.dateBasis })
        .then(statsFromResponse);
    request.then((stats) => {
      const entry = { stats, fetchedAt: new Date() };
      const latest = latestDataDate(stats);
      if (latest) setDataAsOf((previous) => (previous && previous > latest ? previous : latest));
      cache.current.set(key, entry);
      if (!cancelled) setLoad({ stats, status: "ready", error: null, fetchedAt: entry.fetchedAt });
    }).catch((error) => {
      if (!cancelled) setLoad((prev) => ({ ...prev, status: "error", error }));
    });
    return () => {
      cancelled = true;
    };
  }, [settings, range.start, range.end]);

  const choosePreset = useCallback((name) => {
    const r = presetRange(name, today, settings.maxHistoryYears);
    if (r) {
      setPreset(name);
      setRange(r);
    }
  }, [today, settings.maxHistoryYears]);

  const chooseCustomRange = useCallback((r) => {
    setPreset("custom");
    setRange(r);
  }, []);

  /// Changing granularity keeps the preset when the new granularity offers it, else widens the current range
  /// to whole units (Mon-Sun weeks, months, quarters, years) and marks it custom.
  const setGranularity = useCallback((g) => {
    setGranularityState(g);
    if (preset !== "custom" && PRESETS_BY_GRANULARITY[g].includes(preset)) return;
    setPreset("custom");
    setRange(expandToGranularity(range, g));
  }, [preset, range]);

  const value = useMemo(() => ({
    settings, community, locale, today, granularity, setGranularity, preset, choosePreset, range, chooseCustomRange,
    countBy, setCountBy, dataAsOf, ...load,
  }), [settings, community, locale, today, granularity, setGranularity, preset, choosePreset, range, chooseCustomRange, countBy, dataAsOf, load]);
  return <DashboardContext.Provider value={value}>{children}</DashboardContext.Provider>;
}
