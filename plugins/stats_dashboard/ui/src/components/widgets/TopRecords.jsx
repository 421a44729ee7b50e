/// Most viewed / most downloaded / most traffic works of the selected period (query top-records). The
/// dashboard's versions/parents toggle switches the level; titles link to the record landing page
/// (STATS_DASHBOARD_RECORD_URL_TEMPLATE on the host); deleted records stay listed, flagged.
import { useDashboard } from "../DashboardContext.jsx";
import { RECORD_METRICS, levelFor, periodTitle, recordRows } from "../../data/leaderboards.js";
import { t } from "../../i18n/index.js";
import { layoutText } from "./common.jsx";
import { LeaderboardPanel, LeaderboardTable, useLeaderboard } from "./LeaderboardPanel.jsx";

export default function TopRecords({ entry, props }) {
  const { range, countBy } = useDashboard();
  const metric = RECORD_METRICS[props.metric] ? props.metric : entry.metric;
  const spec = RECORD_METRICS[metric];
  const size = Number(props.pageSize ?? 10);
  const state = useLeaderboard("top-records", { metric, level: levelFor(countBy), size });
  const title = props.title ? layoutText(props.title) : periodTitle(t, spec.titleKey, range);
  return (
    <LeaderboardPanel title={title} icon={metric === "views" || metric === "unique_views" ? "eye" : "download"} testId="top-records">
      <LeaderboardTable state={state} rows={state.answer ? recordRows(state.answer, metric) : []} labelHeader={t("header.record")}
        valueHeader={t(spec.headerKey)} valueType={spec.valueType} emptyText={t("leaderboard.none")} maxHeight={props.maxHeight} />
    </LeaderboardPanel>
  );
}
