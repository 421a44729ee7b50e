/// Time-series chart of one family: metric toggles, "show separately" by any subcount with data, top-N +
/// Other, stacked/overlapping lines, bucketing by the dashboard granularity.
import { useMemo, useState } from "react";
import { useDashboard } from "../DashboardContext.jsx";
import { countedMetric } from "../../layout/catalogue.js";
import { camelize, canonicalSubcount, subcountsWithData } from "../../data/categories.js";
import { chartModel } from "../../data/chartModel.js";
import { formatValue } from "../../format/numbers.js";
import { formatAxisLabel, formatPeriod, formatRange } from "../../format/dates.js";
import { t } from "../../i18n/index.js";
import EChart from "./EChart.jsx";
import { Empty, Loading, OTHER_COLOR, PALETTE, Panel, layoutText } from "./common.jsx";
import { itemLabel, subcountLabel } from "./seriesLabel.js";

function chartOption(model, { chartType, stacked, granularity, locale, binary, labels }) {
  const fmt = (v, style = "compact") => formatValue(v, model.valueType, { locale, binary, style, compactThreshold: 1000 });
  const isBar = chartType === "bar";
  const withBreakdown = model.series.length > 1 || model.series[0]?.isOther;
  return {
    animation: false,
    color: PALETTE,
    grid: { left: 8, right: 16, top: 24, bottom: withBreakdown ? 64 : 24, containLabel: true },
    tooltip: {
      trigger: "axis",
      confine: true,
      formatter: (items) => {
        const list = Array.isArray(items) ? items : [items];
        const rows = [...list].sort((a, b) => (a.seriesId === "other") - (b.seriesId === "other"))
          .map((p) => `${p.marker} ${p.seriesName}: ${fmt(p.value, "default")}`);
        return [formatPeriod(model.buckets[list[0].dataIndex], granularity, locale), ...rows].join("<br/>");
      },
    },
    legend: withBreakdown ? { type: "scroll", bottom: 0 } : undefined,
    xAxis: { type: "category", data: model.buckets, axisLabel: { formatter: (k) => formatAxisLabel(k, granularity, locale), hideOverlap: true } },
    yAxis: { type: "value", min: 0, axisLabel: { formatter: (v) => fmt(v) } },
    series: model.series.map((s, i) => ({
      id: s.id,
      name: labels[i],
      type: isBar ? "bar" : "line",
      stack: isBar || stacked ? "total" : undefined,
      areaStyle: isBar ? undefined : { opacity: stacked ? 0.7 : 0 },
      showSymbol: model.buckets.length < 40,
      itemStyle: s.isOther ? { color: OTHER_COLOR } : undefined,
      label: isBar && (granularity === "quarter" || granularity === "year") && i === model.series.length - 1
        ? { show: true, position: "top", formatter: (p) => fmt(p.value) } : undefined,
      data: s.data,
    })),
  };
}

export default function StatsChart({ entry, props }) {
  const { stats, status, range, granularity, countBy, locale, settings } = useDashboard();
  const category = props.category || entry.category;
  const metrics = props.metrics || entry.metrics || [[props.metric || "records", "metric.value"]];
  const [metricIndex, setMetricIndex] = useState(0);
  const [breakdown, setBreakdown] = useState(null);
  const chartType = props.chartType || entry.chartType;
  const [stacked, setStacked] = useState(props.defaultLineDisplay === "stacked");
  const [metricKey, metricLabel] = metrics[Math.min(metricIndex, metrics.length - 1)];
  const metric = countedMetric(metricKey, countBy);

  const options = useMemo(() => {
    const allowed = props.display_subcounts ? Object.keys(props.display_subcounts).map((k) => canonicalSubcount(camelize(k))) : null;
    const present = subcountsWithData(stats, category, metric);
    return allowed ? allowed.filter((k) => present.includes(k)) : present;
  }, [stats, category, metric, props.display_subcounts]);
  const activeBreakdown = breakdown && options.includes(breakdown) ? breakdown : null;

  const model = useMemo(() => chartModel(stats, {
    category, metric, breakdown: activeBreakdown, start: range.start, end: range.end, granularity,
    maxSeries: Number(props.maxSeries ?? 12),
  }), [stats, category, metric, activeBreakdown, range.start, range.end, granularity, props.maxSeries]);

  const option = useMemo(() => {
    const labels = model.series.map((x) => (activeBreakdown ? itemLabel(x, activeBreakdown) : t(metricLabel)));
    return chartOption(model, { chartType, stacked, granularity, locale, binary: settings.binarySizes, labels });
  }, [model, activeBreakdown, metricLabel, chartType, stacked, granularity, locale, settings.binarySizes]);

  const actions = (
    <>
      <div className="sd-button-group" role="group" aria-label={t("chart.metric")}>
        {metrics.map(([key, label], i) => (
          <button key={key} type="button" className={i === metricIndex ? "active" : ""} aria-pressed={i === metricIndex} onClick={() => setMetricIndex(i)}>
            {t(label)}
          </button>
        ))}
      </div>
      <label className="sd-inline-select">
        <span>{t("chart.showSeparately")}</span>
        <select value={activeBreakdown || ""} onChange={(e) => setBreakdown(e.target.value || null)} data-testid="breakdown-select">
          <option value="">{t("chart.noBreakdown")}</option>
          {options.map((k) => <option key={k} value={k}>{subcountLabel(k)}</option>)}
        </select>
      </label>
      {chartType === "line" && activeBreakdown ? (
        <button type="button" className="sd-toggle" aria-pressed={stacked} onClick={() => setStacked(!stacked)}>
          {stacked ? t("chart.stacked") : t("chart.overlapping")}
        </button>
      ) : null}
    </>
  );
  const subtitle = model.mode === "snapshot" ? t("stat.asOf", { date: formatPeriod(range.end, "day", locale) }) : formatRange(range.start, range.end, locale);
  let body;
  if (status === "loading") body = <Loading />;
  else if (model.series.length === 0) body = <Empty />;
  else body = <EChart key={`${metric}-${granularity}`} option={option} height={Number(props.height ?? 300)} ariaLabel={layoutText(props.title, entry.titleKey)} />;
  return (
    <Panel className="sd-chart" title={layoutText(props.title, entry.titleKey)} icon={props.icon} subtitle={subtitle} actions={actions} testId="stats-chart">
      {body}
    </Panel>
  );
}
