/// Count record versions or works (parents): switches records/parents and unique record/parent usage metrics.
import { useDashboard } from "../DashboardContext.jsx";
import { t } from "../../i18n/index.js";

export default function VersionsToggle() {
  const { countBy, setCountBy } = useDashboard();
  return (
    <div className="sd-control" data-testid="versions-toggle">
      <span className="sd-control-label">{t("count.label")}</span>
      <div className="sd-button-group" role="group" aria-label={t("count.label")}>
        {["versions", "parents"].map((mode) => (
          <button key={mode} type="button" className={countBy === mode ? "active" : ""} aria-pressed={countBy === mode} onClick={() => setCountBy(mode)}>
            {t(`count.${mode}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
