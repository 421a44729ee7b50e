/// World map of views/downloads/visitors/traffic by country: snapshot (as of the end date) or delta (summed).
import { useMemo } from "react";
import { useDashboard } from "../DashboardContext.jsx";
import { countedMetric } from "../../layout/catalogue.js";
import { multiDisplayModel } from "../../data/multiDisplayModel.js";
import { worldGeoJson } from "../../map/worldGeo.js";
import { formatValue } from "../../format/numbers.js";
import { formatDay, formatRange } from "../../format/dates.js";
import { t } from "../../i18n/index.js";
import EChart, { echarts } from "./EChart.jsx";
import { Empty, Loading, Panel, layoutText } from "./common.jsx";
import { countryName } from "./seriesLabel.js";

const METRICS = { views: "viewUniqueRecords", downloads: "downloadUniqueFiles", visitors: "viewVisitors", dataVolume: "dataVolume" };
let registered = false;

function ensureMap() {
  if (!registered) {
    echarts.registerMap("sd-world", worldGeoJson());
    registered = true;
  }
}

export default function StatsMap({ props }) {
  const { stats, status, range, countBy, locale, settings } = useDashboard();
  const snapshot = props.useSnapshot !== false;
  const metric = countedMetric(METRICS[props.metric] || METRICS.views, countBy);
  const category = snapshot ? "usageSnapshot" : "usageDelta";
  const model = useMemo(() => multiDisplayModel(stats, {
    category, subcount: "countries", metric, start: range.start, end: range.end, pageSize: 500, useGlobalTotal: false,
  }), [stats, category, metric, range.start, range.end]);
  const uniform = Boolean(props.uniformColorMode);
  const data = useMemo(() => model.rows.map((r) => ({ name: String(r.id).toUpperCase(), value: r.value })), [model]);

  const option = useMemo(() => {
    ensureMap();
    const fmt = (v) => formatValue(v, metric === "dataVolume" ? "filesize" : "number", { locale, binary: settings.binarySizes });
    const max = Math.max(1, ...data.map((d) => d.value));
    return {
      animation: false,
      tooltip: { trigger: "item", confine: true, formatter: (p) => (uniform || !Number.isFinite(p.value) ? countryName(p.name, locale) : `${countryName(p.name, locale)}: ${fmt(p.value)}`) },
      visualMap: uniform
        ? { show: false, type: "piecewise", pieces: [{ min: 1e-9, color: "#d9534f" }], outOfRange: { color: "#b3cde3" } }
        : { type: "continuous", min: 0, max, left: 8, bottom: 8, text: [t("map.high"), t("map.low")], calculable: true, inRange: { color: ["#b3cde3", "#023858"] } },
      series: [{
        type: "map", map: "sd-world", roam: true, zoom: Number(props.zoom ?? 1.2), center: props.center && props.center.length === 2 ? props.center : undefined,
        scaleLimit: { min: 1, max: 10 }, data,
        itemStyle: { areaColor: "#b3cde3", borderColor: "#fff", borderWidth: 0.5 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: "#e67e22" } },
        select: { disabled: true },
      }],
    };
  }, [data, metric, locale, settings.binarySizes, uniform, props.zoom, props.center]);

  const subtitle = snapshot ? t("stat.asOf", { date: formatDay(range.end, locale) }) : t("stat.during", { range: formatRange(range.start, range.end, locale) });
  let body;
  if (status === "loading") body = <Loading />;
  else if (!data.length) body = <Empty />;
  else body = <EChart option={option} height={`min(${Math.max(Number(props.height ?? 500), Number(props.minHeight ?? 0))}px, 80vw)`} testId="stats-map" ariaLabel={layoutText(props.title, "title.map")} />;
  return (
    <Panel className="sd-map" title={layoutText(props.title, "title.map")} icon="globe" subtitle={subtitle} testId="map-panel">
      {body}
      <div className="sd-caption">{t("map.disclaimer")}</div>
    </Panel>
  );
}
