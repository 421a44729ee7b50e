/// One metric of one subcount as a table, pie or bar chart, with a view switch and an "Other" row.
import { useMemo, useState } from "react";
import { useDashboard } from "../DashboardContext.jsx";
import { countedMetric } from "../../layout/catalogue.js";
import { multiDisplayModel, itemLink } from "../../data/multiDisplayModel.js";
import { formatValue } from "../../format/numbers.js";
import { formatDay, formatRange } from "../../format/dates.js";
import { t } from "../../i18n/index.js";
import EChart from "./EChart.jsx";
import { Empty, Loading, OTHER_COLOR, PALETTE, Panel, layoutText } from "./common.jsx";
import { itemLabel } from "./seriesLabel.js";

const VIEWS = ["pie", "bar", "list", "table"];

function chartOption(view, rows, fmt) {
  if (view === "pie") {
    return {
      animation: false, color: PALETTE,
      tooltip: { trigger: "item", confine: true, formatter: (p) => `${p.name}: ${fmt(p.value)} (${p.percent}%)` },
      // Small slices get no outside label (they stay in the tooltip, the list view and the legend-free table);
      // long labels are truncated and the remaining ones never overlap.
      series: [{ type: "pie", radius: ["30%", "62%"], center: ["50%", "52%"], avoidLabelOverlap: true, minShowLabelAngle: 6,
        label: { show: true, formatter: "{b}", width: 110, overflow: "truncate" }, labelLine: { length: 8, length2: 6 },
        labelLayout: { hideOverlap: true },
        data: rows.map((r) => ({ name: r.label, value: r.value, id: r.id, itemStyle: r.isOther ? { color: OTHER_COLOR } : undefined })) }],
    };
  }
  const max = Math.max(...rows.map((r) => r.value), 1);
  return {
    animation: false, color: PALETTE,
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: false },
    tooltip: { trigger: "item", confine: true, formatter: (p) => `${p.name}: ${fmt(p.value)}` },
    xAxis: { type: "value", show: false },
    yAxis: { type: "category", show: false, inverse: true, data: rows.map((r) => r.label) },
    series: [{ type: "bar", barMaxWidth: 50,
      data: rows.map((r, i) => ({ value: r.value, id: r.id, itemStyle: { color: r.isOther ? OTHER_COLOR : PALETTE[i % PALETTE.length] },
        label: { show: true, position: r.value < 0.3 * max ? "right" : "insideLeft", formatter: `${r.label}: ${fmt(r.value)}`, color: r.value < 0.3 * max ? "#333" : "#fff" } })) }],
  };
}

export default function MultiDisplay({ entry, props }) {
  const { stats, status, range, countBy, locale, settings } = useDashboard();
  const category = props.category || entry.category;
  const subcount = props.subcount || entry.subcount;
  const metric = countedMetric(props.metric || entry.metric, countBy);
  const available = (Array.isArray(props.available_views) ? props.available_views : ["pie", "bar", "list"]).filter((v) => VIEWS.includes(v));
  const preferred = props.default_view || entry.defaultView;
  const [view, setView] = useState(available.includes(preferred) ? preferred : available[0] || "list");
  const pageSize = Number(props.pageSize ?? 10);

  const model = useMemo(() => (category && subcount ? multiDisplayModel(stats, {
    category, subcount, metric, start: range.start, end: range.end, pageSize, useGlobalTotal: !entry.noGlobalTotal,
  }) : null), [stats, category, subcount, metric, range.start, range.end, pageSize, entry.noGlobalTotal]);

  const valueType = model?.rows[0]?.valueType || "number";
  const fmt = (v, style = "compact") => formatValue(v, valueType, { locale, binary: settings.binarySizes, style, compactThreshold: 1000 });
  const rows = model ? [...model.rows, ...(model.other ? [model.other] : [])].map((r) => ({ ...r, label: itemLabel(r, subcount) })) : [];
  const otherShare = model?.other ? model.other.percent : 0;
  const hideOther = (props.hideOtherInCharts ?? false) && otherShare > 30;
  const chartRows = hideOther ? rows.filter((r) => !r.isOther) : rows;
  const isChart = view === "pie" || view === "bar";

  const subtitle = model?.mode === "snapshot" ? t("stat.asOf", { date: formatDay(range.end, locale) }) : t("stat.during", { range: formatRange(range.start, range.end, locale) });
  const actions = available.length > 1 ? (
    <div className="sd-button-group" role="group" aria-label={t("display.view")}>
      {available.map((v) => (
        <button key={v} type="button" className={v === view ? "active" : ""} aria-pressed={v === view} onClick={() => setView(v)}>{t(`display.${v}`)}</button>
      ))}
    </div>
  ) : null;

  let body;
  if (status === "loading") body = <Loading />;
  else if (!rows.length) body = <Empty />;
  else if (isChart) {
    body = (
      <>
        <EChart option={chartOption(view, chartRows, fmt)} height={Number(props.height ?? 338)} ariaLabel={layoutText(props.title, entry.titleKey)}
          onClick={(p) => { const href = itemLink(settings.searchUrl, subcount, p.data?.id); if (href) window.open(href, "_blank", "noopener"); }} />
        {hideOther ? <div className="sd-caption">{t("display.otherCaption", { value: fmt(model.other.value, "default"), percent: model.other.percent })}</div> : null}
      </>
    );
  } else {
    body = (
      <div className="sd-table-wrap" style={{ maxHeight: props.maxHeight || undefined }}>
        <table className="sd-table">
          <thead><tr><th scope="col">{layoutText(props.headers?.[0], entry.itemHeader)}</th><th scope="col">{layoutText(props.headers?.[1], entry.valueHeader)}</th></tr></thead>
          <tbody>
            {rows.map((r) => {
              const href = itemLink(settings.searchUrl, subcount, r.id);
              return (
                <tr key={r.isOther ? "__other" : `item-${r.id}`} className={r.isOther ? "sd-other-row" : undefined}>
                  <td>{href ? <a href={href} target="_blank" rel="noopener noreferrer">{r.label}</a> : r.label}</td>
                  <td className="sd-num" title={fmt(r.value, "default")}>{`${fmt(r.value)} (${r.percent}%)`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <Panel className="sd-multi" title={layoutText(props.title, entry.titleKey)} icon={props.icon || entry.icon} subtitle={subtitle} actions={actions} testId="multi-display">
      {body}
    </Panel>
  );
}
