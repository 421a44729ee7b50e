/// Uploaders ranked by the records they created in the selected period (query top-uploaders). Owners show
/// as the name the operator configured, else as an opaque id (never an e-mail address).
import { useDashboard } from "../DashboardContext.jsx";
import { UPLOADER_METRICS, periodTitle, uploaderRows } from "../../data/leaderboards.js";
import { t } from "../../i18n/index.js";
import { layoutText } from "./common.jsx";
import { LeaderboardPanel, LeaderboardTable, useLeaderboard } from "./LeaderboardPanel.jsx";

export default function TopUploaders({ entry, props }) {
  const { range } = useDashboard();
  const metric = UPLOADER_METRICS[props.metric] ? props.metric : entry.metric;
  const spec = UPLOADER_METRICS[metric];
  const state = useLeaderboard("top-uploaders", { metric, size: Number(props.pageSize ?? 10) });
  const title = props.title ? layoutText(props.title) : periodTitle(t, entry.titleKey, range);
  return (
    <LeaderboardPanel title={title} icon="users" testId="top-uploaders">
      <LeaderboardTable state={state} rows={state.answer ? uploaderRows(state.answer, metric, t) : []} labelHeader={t("header.uploader")}
        valueHeader={t(spec.headerKey)} valueType={spec.valueType} emptyText={t("leaderboard.none")} maxHeight={props.maxHeight} />
    </LeaderboardPanel>
  );
}
