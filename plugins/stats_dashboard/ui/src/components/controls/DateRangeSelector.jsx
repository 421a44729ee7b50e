/// Date range: presets of the current granularity plus a custom range (two date fields, validated:
/// real dates, end >= start, within the history limit). Apply / Clear (back to the default) / Cancel; Esc closes.
import { useState } from "react";
import { useDashboard } from "../DashboardContext.jsx";
import { PRESETS_BY_GRANULARITY, defaultPreset, historyStart, validateCustomRange } from "../../data/presets.js";
import { formatRange } from "../../format/dates.js";
import { t } from "../../i18n/index.js";

export default function DateRangeSelector() {
  const { granularity, preset, choosePreset, range, chooseCustomRange, today, settings, locale } = useDashboard();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(range);
  const [error, setError] = useState(null);
  const minDate = historyStart(today, settings.maxHistoryYears);

  const open = () => {
    setDraft(range);
    setError(null);
    setEditing(true);
  };
  const apply = (e) => {
    e.preventDefault();
    let problem = validateCustomRange(draft.start, draft.end);
    if (!problem && draft.start < minDate) problem = "range.beforeHistory";
    if (problem) {
      setError(t(problem, { date: minDate }));
      return;
    }
    chooseCustomRange({ start: draft.start, end: draft.end });
    setEditing(false);
  };
  const onSelect = (value) => {
    if (value === "custom") open();
    else {
      setEditing(false);
      choosePreset(value);
    }
  };
  return (
    <div className="sd-control" data-testid="date-range-selector">
      <label className="sd-control-label" htmlFor="sd-range">{preset === "custom" ? t("range.labelCustom") : t("range.label")}</label>
      <select id="sd-range" value={preset} onChange={(e) => onSelect(e.target.value)}>
        {PRESETS_BY_GRANULARITY[granularity].map((p) => <option key={p} value={p}>{t(`preset.${p}`)}</option>)}
        {PRESETS_BY_GRANULARITY[granularity].includes(preset) ? null : <option value={preset}>{t(`preset.${preset}`)}</option>}
      </select>
      <div className="sd-range-text" data-testid="range-text">{formatRange(range.start, range.end, locale)}</div>
      {preset === "custom" && !editing ? <button type="button" className="sd-link-button" onClick={open}>{t("range.edit")}</button> : null}
      {editing ? (
        <form className="sd-custom-range" onSubmit={apply} onKeyDown={(e) => e.key === "Escape" && setEditing(false)} aria-label={t("range.customTitle")}>
          <label>{t("range.from")}
            <input type="date" required min={minDate} max="2100-12-31" value={draft.start} onChange={(e) => setDraft({ ...draft, start: e.target.value })} name="start" />
          </label>
          <label>{t("range.to")}
            <input type="date" required min={minDate} max="2100-12-31" value={draft.end} onChange={(e) => setDraft({ ...draft, end: e.target.value })} name="end" />
          </label>
          {error ? <div className="sd-error" role="alert">{error}</div> : null}
          <div className="sd-form-buttons">
            <button type="submit" className="primary">{t("range.apply")}</button>
            <button type="button" onClick={() => { setEditing(false); choosePreset(defaultPreset(granularity, settings.defaultRangeOptions)); }}>{t("range.clear")}</button>
            <button type="button" onClick={() => setEditing(false)}>{t("range.cancel")}</button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
