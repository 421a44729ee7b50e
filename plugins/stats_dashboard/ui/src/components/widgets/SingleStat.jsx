/// Single statistic box: sum over the range (delta families) or the value as of the range end (snapshot).
import { useDashboard } from "../DashboardContext.jsx";
import { countedMetric } from "../../layout/catalogue.js";
import { globalSeriesOf, modeOfCategory } from "../../data/categories.js";
import { reduceSeries } from "../../data/series.js";
import { formatBytes, formatNumber } from "../../format/numbers.js";
import { formatDay, formatRange } from "../../format/dates.js";
import { t } from "../../i18n/index.js";
import { Icon, layoutText } from "./common.jsx";

export default function SingleStat({ entry, props }) {
  const { stats, status, range, countBy, locale, settings } = useDashboard();
  const category = props.category || entry.category;
  const metric = countedMetric(props.metric || entry.metric, countBy);
  const mode = modeOfCategory(category || "");
  const series = category ? globalSeriesOf(stats, category, metric) : null;
  const value = series ? reduceSeries(series.data, range.start, range.end, mode) : 0;
  const isBytes = series?.valueType === "filesize" || metric === "dataVolume";
  const threshold = Number(props.compactThreshold ?? 1000000);
  const shown = isBytes ? formatBytes(value, { locale, binary: settings.binarySizes }) : formatNumber(value, "compact", { locale, compactThreshold: threshold });
  const full = formatNumber(value, "default", { locale }) + (isBytes ? ` ${t("unit.bytes")}` : "");
  const description = mode === "snapshot"
    ? t("stat.asOf", { date: formatDay(range.end, locale) })
    : t("stat.during", { range: formatRange(range.start, range.end, locale) });
  return (
    <div className="sd-single-stat" data-testid="single-stat" data-metric={metric}>
      <div className="sd-single-stat-title"><Icon name={props.icon || entry.icon} />{layoutText(props.title, entry.titleKey)}</div>
      <div className="sd-single-stat-value" title={shown !== full ? full : undefined} data-value={value}>
        {status === "loading" ? "…" : shown}
      </div>
      <div className="sd-single-stat-description">{description}</div>
    </div>
  );
}
