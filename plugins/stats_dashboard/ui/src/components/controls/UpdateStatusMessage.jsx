/// "Data as of <date>" (dashboard_config.last_updated, else the latest aggregated day any response held) and an
/// "Updating data..." note while a new range loads over the shown one.
import { useDashboard } from "../DashboardContext.jsx";
import { formatDay } from "../../format/dates.js";
import { t } from "../../i18n/index.js";
import { Icon } from "../widgets/common.jsx";

export default function UpdateStatusMessage() {
  const { dataAsOf, status, settings, locale } = useDashboard();
  const asOf = settings.lastUpdated ? String(settings.lastUpdated).slice(0, 10) : dataAsOf;
  return (
    <div className="sd-update-status" data-testid="update-status">
      {asOf ? <span><Icon name="clock" />{t("status.dataAsOf", { date: formatDay(asOf, locale) })}</span> : null}
      {status === "updating" ? <span className="sd-hint"><span className="sd-spinner small" aria-hidden="true" />{t("status.updating")}</span> : null}
    </div>
  );
}
