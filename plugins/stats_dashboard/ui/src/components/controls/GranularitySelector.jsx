/// Granularity of chart buckets: day, week, month, quarter, year.
import { useDashboard } from "../DashboardContext.jsx";
import { GRANULARITIES } from "../../data/presets.js";
import { t } from "../../i18n/index.js";

export default function GranularitySelector() {
  const { granularity, setGranularity } = useDashboard();
  return (
    <div className="sd-control" data-testid="granularity-selector">
      <label className="sd-control-label" htmlFor="sd-granularity">{t("granularity.label")}</label>
      <select id="sd-granularity" value={granularity} onChange={(e) => setGranularity(e.target.value)}>
        {GRANULARITIES.map((g) => <option key={g} value={g}>{t(`granularity.${g}`)}</option>)}
      </select>
    </div>
  );
}
