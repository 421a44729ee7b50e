/// Communities ranked by records added, views or downloads in the selected period: top-communities on the
/// global dashboard, top-subcommunities (children of the shown community) on a community dashboard,
/// where the panel hides itself when the community has none.
import { useDashboard } from "../DashboardContext.jsx";
import { COMMUNITY_METRICS, communityRows, periodTitle } from "../../data/leaderboards.js";
import { t } from "../../i18n/index.js";
import { layoutText } from "./common.jsx";
import { LeaderboardPanel, LeaderboardTable, useLeaderboard } from "./LeaderboardPanel.jsx";

export default function TopCommunities({ entry, props }) {
  const { range, settings } = useDashboard();
  const sub = entry.query === "top-subcommunities";
  const metric = COMMUNITY_METRICS[props.metric] ? props.metric : entry.metric;
  const spec = COMMUNITY_METRICS[metric];
  // top-communities reads the global statistics only; subcommunities need the shown community.
  const wrongDashboard = sub ? settings.communityId === "global" : settings.communityId !== "global";
  const state = useLeaderboard(wrongDashboard ? null : entry.query, {
    metric, size: Number(props.pageSize ?? 10), communityId: sub ? settings.communityId : "global",
  });
  const rows = state.answer ? communityRows(state.answer, metric, props.dashboardUrl || undefined) : [];
  const hidden = wrongDashboard || (sub && props.hideWhenEmpty !== false && state.status === "ready" && !rows.length);
  const title = props.title ? layoutText(props.title) : periodTitle(t, entry.titleKey, range);
  return (
    <LeaderboardPanel title={title} icon="users" testId={sub ? "top-subcommunities" : "top-communities"} hidden={hidden}>
      <LeaderboardTable state={state} rows={rows} labelHeader={t("header.community")} valueHeader={t(spec.headerKey)}
        valueType={spec.valueType} emptyText={t(sub ? "leaderboard.noSubcommunities" : "leaderboard.none")} maxHeight={props.maxHeight} />
    </LeaderboardPanel>
  );
}
