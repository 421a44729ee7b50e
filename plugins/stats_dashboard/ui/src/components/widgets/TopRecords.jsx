/// Most viewed / most downloaded records, listed by the host's record search (dashboard_config.records_api
/// or community.links.records, InvenioRDM response shape). Without such an endpoint it says so instead of
/// issuing a request that can only fail.
import { useEffect, useState } from "react";
import { useDashboard } from "../DashboardContext.jsx";
import { formatNumber } from "../../format/numbers.js";
import { t } from "../../i18n/index.js";
import { Empty, Loading, Panel, layoutText } from "./common.jsx";

const cut = (text, n = 60) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

export default function TopRecords({ entry, props }) {
  const { settings, range, locale } = useDashboard();
  const pageSize = Number(props.pageSize ?? 10);
  const [state, setState] = useState({ status: "loading", hits: [] });
  const api = settings.recordsApi;

  useEffect(() => {
    if (!api) return undefined;
    let cancelled = false;
    const query = new URLSearchParams({ sort: entry.sort, size: String(pageSize), page: "1", q: `created:[${range.start} TO ${range.end}]` });
    setState({ status: "loading", hits: [] });
    fetch(`${api}${api.includes("?") ? "&" : "?"}${query}`, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((body) => !cancelled && setState({ status: "ready", hits: body?.hits?.hits || [] }))
      .catch((error) => !cancelled && setState({ status: "error", hits: [], error }));
    return () => { cancelled = true; };
  }, [api, entry.sort, pageSize, range.start, range.end]);

  const field = entry.sort === "mostviewed" ? "views" : "downloads";
  let body;
  if (!api) body = <div className="sd-notice">{t("records.unavailable")}</div>;
  else if (state.status === "loading") body = <Loading />;
  else if (state.status === "error") body = <div className="sd-notice sd-error">{t("records.error", { message: state.error.message })}</div>;
  else if (!state.hits.length) body = <Empty />;
  else {
    body = (
      <div className="sd-table-wrap" style={{ maxHeight: props.maxHeight || undefined }}>
        <table className="sd-table">
          <thead><tr><th scope="col">{t("header.record")}</th><th scope="col">{t(entry.valueHeader)}</th></tr></thead>
          <tbody>
            {state.hits.map((hit) => {
              const title = String(hit.metadata?.title || hit.id);
              return (
                <tr key={hit.id}>
                  <td><a href={hit.links?.self_html || `/records/${hit.id}`} title={title}>{cut(title)}</a></td>
                  <td className="sd-num">{formatNumber(hit.stats?.all_versions?.[field] ?? hit.stats?.this_version?.[field] ?? 0, "default", { locale })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  }
  return <Panel title={layoutText(props.title, entry.titleKey)} icon={field === "views" ? "eye" : "download"} testId="top-records">{body}</Panel>;
}
