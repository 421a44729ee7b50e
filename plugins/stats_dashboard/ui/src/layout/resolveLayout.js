/// Layout resolution: validates the layout JSON of dashboard_config (tabs -> rows -> components, API_UI.md
/// 5.5/6.3), attaches catalogue entries, gives every cell a unique React key and reports unknown component
/// names instead of dropping them.
import { CATALOGUE, entryMode } from "./catalogue.js";
import { DEFAULT_LAYOUT } from "./defaultLayout.js";

const clampWidth = (w, fallback) => (Number.isInteger(w) && w >= 1 && w <= 16 ? w : fallback);

function resolveCell(cell, tabName, rowIndex, colIndex, catalogue, report) {
  const name = typeof cell?.component === "string" ? cell.component : String(cell?.component ?? "");
  const props = cell?.props && typeof cell.props === "object" ? cell.props : {};
  const entry = Object.prototype.hasOwnProperty.call(catalogue, name) ? catalogue[name] : null;
  if (!entry) report.unknown.push({ tab: tabName, component: name });
  const width = clampWidth(props.width ?? cell?.width, 16);
  return {
    key: `${tabName}.${rowIndex}.${colIndex}.${name}`,
    name, entry, props, width,
    tablet: clampWidth(props.tablet ?? cell?.tablet, width),
    mobile: clampWidth(props.mobile ?? cell?.mobile, 16),
  };
}

/// Tab date mode: the explicit `mode` when valid, else "snapshot" when every data component reads a
/// snapshot family, else "delta".
function tabMode(tab, cells) {
  if (tab.mode === "snapshot" || tab.mode === "delta") return tab.mode;
  const modes = cells.map((c) => entryMode(c.entry, c.props)).filter(Boolean);
  return modes.length > 0 && modes.every((m) => m === "snapshot") ? "snapshot" : "delta";
}

/// -> {tabs, unknown: [{tab, component}], problems: [text], usedDefault}
export function resolveLayout(layout, catalogue = CATALOGUE) {
  const report = { unknown: [], problems: [] };
  let source = layout;
  if (!source || !Array.isArray(source.tabs) || source.tabs.length === 0) {
    if (layout != null) report.problems.push("layout has no tabs: using the default layout");
    source = DEFAULT_LAYOUT;
  }
  const seenNames = new Set();
  const tabs = source.tabs.map((tab, tabIndex) => {
    let name = typeof tab?.name === "string" && tab.name ? tab.name : `tab-${tabIndex + 1}`;
    if (seenNames.has(name)) {
      report.problems.push(`duplicate tab name "${name}"`);
      name = `${name}-${tabIndex + 1}`;
    }
    seenNames.add(name);
    const rows = (Array.isArray(tab?.rows) ? tab.rows : []).map((row, rowIndex) => ({
      key: `${name}.${rowIndex}`,
      name: typeof row?.name === "string" ? row.name : `row-${rowIndex + 1}`,
      cells: (Array.isArray(row?.components) ? row.components : []).map((cell, colIndex) =>
        resolveCell(cell, name, rowIndex, colIndex, catalogue, report)),
    }));
    const cells = rows.flatMap((r) => r.cells);
    return {
      name, label: tab?.label || name, icon: tab?.icon || null,
      phrase: tab?.date_range_phrase || null, mode: tabMode(tab || {}, cells), rows,
    };
  });
  return { tabs, unknown: report.unknown, problems: report.problems, usedDefault: source === DEFAULT_LAYOUT };
}
