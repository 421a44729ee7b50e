/// The dashboard shell: sidebar (title, tabs, controls, status) and the selected tab's rows. The selected tab
/// is kept in the URL hash (#tab=<name>) so it can be linked and survives reloads.
import { useEffect, useMemo, useState } from "react";
import { DashboardProvider, useDashboard } from "./DashboardContext.jsx";
import { LayoutCell } from "./registry.jsx";
import DateRangeSelector from "./controls/DateRangeSelector.jsx";
import GranularitySelector from "./controls/GranularitySelector.jsx";
import ReportSelector from "./controls/ReportSelector.jsx";
import UpdateStatusMessage from "./controls/UpdateStatusMessage.jsx";
import VersionsToggle from "./controls/VersionsToggle.jsx";
import { resolveLayout } from "../layout/resolveLayout.js";
import { pageMessage } from "../data/status.js";
import { formatDay, formatRange } from "../format/dates.js";
import { t } from "../i18n/index.js";
import { Icon, layoutText } from "./widgets/common.jsx";

function tabFromHash(tabs) {
  const m = /(?:^#|&)tab=([^&]+)/.exec(globalThis.location?.hash || "");
  const wanted = m ? decodeURIComponent(m[1]) : null;
  return tabs.find((tab) => tab.name === wanted)?.name || tabs[0]?.name;
}

function StatusMessage() {
  const { status, stats, settings, error } = useDashboard();
  const message = pageMessage({ status, stats, settings });
  if (!message.kind) return null;
  if (message.kind === "banner") return <div className="sd-message sd-banner" role="status">{t(message.textKey)}</div>;
  return (
    <div className={`sd-message ${message.kind === "error" ? "sd-message-error" : "sd-message-info"}`} role={message.kind === "error" ? "alert" : "status"} data-testid={`message-${message.kind}`}>
      <strong>{t(message.titleKey)}</strong>
      <span>{t(message.textKey)}</span>
      {message.kind === "error" && error?.message ? <code>{error.message}</code> : null}
    </div>
  );
}

function TabPage({ tab, community }) {
  const { range, locale, status, stats } = useDashboard();
  const failed = status === "error" && !stats;
  const phrase = layoutText(tab.phrase, tab.mode === "snapshot" ? "phrase.asOf" : "phrase.during");
  const when = tab.mode === "snapshot" ? formatDay(range.end, locale, "long") : formatRange(range.start, range.end, locale);
  return (
    <div className="sd-page" role="tabpanel" id={`sd-tab-${tab.name}`} data-tab={tab.name}>
      <div className="sd-date-label" data-testid="date-label">{phrase} {when}</div>
      <StatusMessage />
      {failed ? null : tab.rows.map((row) => (
        <div key={row.key} className={`sd-row sd-row-${row.name}`}>
          {row.cells.map((cell) => (
            <div key={cell.key} className={`sd-cell${cell.entry?.kind === "singleStat" ? " sd-cell-center" : ""}`}
              style={{ "--w": cell.width, "--wt": cell.tablet, "--wm": cell.mobile }} data-component={cell.name}>
              <LayoutCell cell={cell} community={community} />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

function Shell({ layout, community }) {
  const { settings } = useDashboard();
  const [selected, setSelected] = useState(() => tabFromHash(layout.tabs));
  const [controlsOpen, setControlsOpen] = useState(false);
  useEffect(() => {
    const onHash = () => setSelected(tabFromHash(layout.tabs));
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [layout.tabs]);
  const select = (name) => {
    setSelected(name);
    if (globalThis.history?.replaceState) history.replaceState(null, "", `#tab=${encodeURIComponent(name)}`);
  };
  const tab = layout.tabs.find((x) => x.name === selected) || layout.tabs[0];
  const title = settings.title || (community ? t("dashboard.communityTitle", { title: community.metadata?.title || community.slug || community.id }) : t("dashboard.globalTitle"));
  return (
    <div className="sd-dashboard" aria-label={title}>
      <aside className="sd-sidebar">
        {settings.showTitle ? <h2 className="sd-title">{title}</h2> : null}
        {settings.showDescription && settings.description ? <p className="sd-description">{settings.description}</p> : null}
        <nav className="sd-tabs" role="tablist" aria-label={t("dashboard.tabs")}>
          {layout.tabs.map((x) => (
            <button key={x.name} type="button" role="tab" aria-selected={x.name === tab.name} aria-controls={`sd-tab-${x.name}`}
              className={x.name === tab.name ? "active" : ""} onClick={() => select(x.name)} data-tab={x.name}>
              <Icon name={x.icon} />{layoutText(x.label)}
            </button>
          ))}
        </nav>
        <button type="button" className="sd-controls-toggle" aria-expanded={controlsOpen} onClick={() => setControlsOpen(!controlsOpen)}>
          {controlsOpen ? t("dashboard.hideOptions") : t("dashboard.showOptions")}
        </button>
        <div className={`sd-controls${controlsOpen ? " open" : ""}`}>
          <DateRangeSelector />
          <GranularitySelector />
          <VersionsToggle />
          <ReportSelector />
          <UpdateStatusMessage />
          <a className="sd-help-link" href={settings.helpUrl}>{t("dashboard.help")}</a>
        </div>
      </aside>
      <main className="sd-main">
        {layout.problems.map((p) => <div key={p} className="sd-unknown" role="note">{p}</div>)}
        <TabPage key={tab.name} tab={tab} community={community} />
      </main>
    </div>
  );
}

export default function Dashboard({ settings, community, locale, today }) {
  const layout = useMemo(() => resolveLayout(settings.layout), [settings.layout]);
  useEffect(() => {
    for (const u of layout.unknown) console.warn(`stats dashboard: unknown component "${u.component}" in tab "${u.tab}"`);
    for (const p of layout.problems) console.warn(`stats dashboard: ${p}`);
  }, [layout]);
  if (!settings.enabled) {
    return (
      <div id={`${settings.type}-stats-dashboard`} className="sd-message sd-message-info" role="status" data-testid="disabled">
        <strong>{t("dashboard.notEnabled")}</strong>
        <span>{settings.disabledMessage || t("dashboard.disabledDefault")}</span>
      </div>
    );
  }
  return (
    <DashboardProvider settings={settings} community={community} locale={locale} today={today}>
      <Shell layout={layout} community={community} />
    </DashboardProvider>
  );
}
