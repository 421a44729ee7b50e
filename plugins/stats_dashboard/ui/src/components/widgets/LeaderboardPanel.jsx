/// Shared pieces of the leaderboard widgets: the hook that asks /api/stats for one leaderboard of the
/// selected range, and the ranked table with loading, error and empty states.
import { useEffect, useState } from "react";
import { useDashboard } from "../DashboardContext.jsx";
import { fetchLeaderboard } from "../../data/api.js";
import { answerOf } from "../../data/leaderboards.js";
import { formatValue } from "../../format/numbers.js";
import { t } from "../../i18n/index.js";
import { Loading, Panel } from "./common.jsx";

/// {status: "loading"|"ready"|"error", answer, error} of `query` for the dashboard's community and range
/// (no request while `query` is null).
export function useLeaderboard(query, { metric, level, size, communityId }) {
  const { settings, range } = useDashboard();
  const [state, setState] = useState({ status: "loading", answer: null, error: null });
  const community = communityId || settings.communityId;
  useEffect(() => {
    if (!query) return undefined;
    let cancelled = false;
    setState((prev) => ({ ...prev, status: "loading", error: null }));
    fetchLeaderboard(settings.apiUrl, query, { communityId: community, start: range.start, end: range.end, metric, level, size })
      .then((response) => !cancelled && setState({ status: "ready", answer: answerOf(response, query), error: null }))
      .catch((error) => !cancelled && setState({ status: "error", answer: null, error }));
    return () => { cancelled = true; };
  }, [settings.apiUrl, query, community, range.start, range.end, metric, level, size]);
  return state;
}

const BADGE = { marginLeft: "0.4em", padding: "0 0.4em", borderRadius: "3px", background: "#edf0f3", color: "#5f6b7a", fontSize: "0.75rem" };

/// The ranked rows ({key, rank, label, href, value, deleted}) as a table; `emptyText` when there are none.
export function LeaderboardTable({ state, rows, labelHeader, valueHeader, valueType, emptyText, maxHeight }) {
  const { locale, settings } = useDashboard();
  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <div className="sd-notice sd-error">{t("leaderboard.error", { message: state.error.message })}</div>;
  if (!rows.length) return <div className="sd-notice" data-testid="leaderboard-empty">{emptyText}</div>;
  return (
    <div className="sd-table-wrap" style={{ maxHeight: maxHeight || undefined }}>
      <table className="sd-table sd-leaderboard">
        <thead>
          <tr><th scope="col" className="sd-num">{t("header.rank")}</th><th scope="col">{labelHeader}</th><th scope="col" className="sd-num">{valueHeader}</th></tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid="leaderboard-row" className={row.deleted ? "sd-deleted" : undefined}>
              <td className="sd-num">{formatValue(row.rank, "number", { locale })}</td>
              <td>
                {row.href ? <a href={row.href} title={row.label}>{row.label}</a> : <span title={row.label}>{row.label}</span>}
                {row.deleted ? <span className="sd-badge" style={BADGE}>{t("leaderboard.deleted")}</span> : null}
              </td>
              <td className="sd-num">{formatValue(row.value, valueType, { locale, binary: settings.binarySizes })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/// A panel around one leaderboard; `hidden` renders nothing (e.g. a community without subcommunities).
export function LeaderboardPanel({ title, icon, testId, hidden, children }) {
  if (hidden) return null;
  return <Panel title={title} icon={icon} testId={testId} className="sd-leaderboard-panel">{children}</Panel>;
}
