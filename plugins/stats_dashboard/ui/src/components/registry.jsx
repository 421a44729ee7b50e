/// Catalogue kind -> React component. Every cell gets {entry, props, community}; layout props pass through.
import SingleStat from "./widgets/SingleStat.jsx";
import StatsChart from "./widgets/StatsChart.jsx";
import MultiDisplay from "./widgets/MultiDisplay.jsx";
import StatsMap from "./widgets/StatsMap.jsx";
import TopRecords from "./widgets/TopRecords.jsx";
import TopUploaders from "./widgets/TopUploaders.jsx";
import TopCommunities from "./widgets/TopCommunities.jsx";
import DateRangeSelector from "./controls/DateRangeSelector.jsx";
import GranularitySelector from "./controls/GranularitySelector.jsx";
import ReportSelector from "./controls/ReportSelector.jsx";
import UpdateStatusMessage from "./controls/UpdateStatusMessage.jsx";
import VersionsToggle from "./controls/VersionsToggle.jsx";
import { t } from "../i18n/index.js";

export const CONTROLS = { DateRangeSelector, GranularitySelector, ReportSelector, UpdateStatusMessage, VersionsToggle };

const KINDS = { singleStat: SingleStat, chart: StatsChart, multiDisplay: MultiDisplay, map: StatsMap, topRecords: TopRecords,
  topUploaders: TopUploaders, topCommunities: TopCommunities };

export function UnknownComponent({ name }) {
  return <div className="sd-unknown" role="note" data-testid="unknown-component">{t("layout.unknownComponent", { name })}</div>;
}

/// Renders one resolved layout cell.
export function LayoutCell({ cell, community }) {
  if (!cell.entry) return <UnknownComponent name={cell.name} />;
  if (cell.entry.kind === "control") {
    const Control = CONTROLS[cell.entry.control];
    return <Control {...cell.props} />;
  }
  const Component = KINDS[cell.entry.kind];
  return <Component entry={cell.entry} props={cell.props} community={community} />;
}
