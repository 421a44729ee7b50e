/// Report download for the selected range in CSV, XLSX, JSON or XML, produced by POST /api/stats?format=.
/// Failures are shown to the user (the original only logged them).
import { useState } from "react";
import { useDashboard } from "../DashboardContext.jsx";
import { REPORT_FORMATS, downloadReport } from "../../data/api.js";
import { t } from "../../i18n/index.js";

export default function ReportSelector() {
  const { settings, range } = useDashboard();
  const [format, setFormat] = useState("csv");
  const [state, setState] = useState({ busy: false, message: null, error: false });
  const download = async () => {
    setState({ busy: true, message: t("report.preparing"), error: false });
    try {
      const name = await downloadReport(settings.apiUrl, { communityId: settings.communityId, start: range.start, end: range.end, dateBasis: settings.dateBasis }, format);
      setState({ busy: false, message: t("report.done", { name }), error: false });
    } catch (e) {
      setState({ busy: false, message: t("report.failed", { message: e.message }), error: true });
    }
  };
  return (
    <div className="sd-control" data-testid="report-selector">
      <label className="sd-control-label" htmlFor="sd-report">{t("report.label")}</label>
      <div className="sd-control-row">
        <select id="sd-report" value={format} onChange={(e) => setFormat(e.target.value)}>
          {REPORT_FORMATS.map((f) => <option key={f.id} value={f.id}>{t(f.labelKey)}</option>)}
        </select>
        <button type="button" className="primary" onClick={download} disabled={state.busy || settings.useTestData}>{t("report.download")}</button>
      </div>
      <div className="sd-hint">{t("report.info")}</div>
      {state.message ? <div className={state.error ? "sd-error" : "sd-hint"} role={state.error ? "alert" : "status"}>{state.message}</div> : null}
    </div>
  );
}
