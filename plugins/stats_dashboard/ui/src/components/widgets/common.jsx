/// Shared widget pieces: panel frame, loading/empty states, layout text resolution, icons and palette.
import { localizeLabel, t } from "../../i18n/index.js";

export const PALETTE = ["#1b6ca8", "#e07a1f", "#2e9d5b", "#b8336a", "#7b5ea7", "#c9a227", "#3fa7b5", "#8c564b", "#d62728", "#5a6e2f", "#e377c2", "#17becf", "#9aa5b1"];
export const OTHER_COLOR = "#9aa5b1";

/// Layout text: "@key" -> t(key); {lang: text} -> localised; anything else as text; fallbackKey when empty.
export function layoutText(value, fallbackKey) {
  if (typeof value === "string" && value.startsWith("@")) return t(value.slice(1));
  if (value && typeof value === "object") return localizeLabel(value, fallbackKey ? t(fallbackKey) : "");
  if (value) return String(value);
  return fallbackKey ? t(fallbackKey) : "";
}

const ICON_GLYPHS = {
  file: "▤", "file alternate": "▤", users: "☻", database: "⛁", eye: "◉", download: "⇩", "chart line": "↗",
  "chart pie": "◔", world: "◍", globe: "◍", lock: "▣", language: "¶", tag: "#", copyright: "©",
  "money bill": "¤", newspaper: "▦", building: "▥", university: "▥", linkify: "↪", clock: "◷",
};

export function Icon({ name }) {
  if (!name) return null;
  return <span className="sd-icon" aria-hidden="true">{ICON_GLYPHS[name] || "•"}</span>;
}

export function Loading() {
  return <div className="sd-loading" role="status"><span className="sd-spinner" aria-hidden="true" />{t("state.loading")}</div>;
}

export function Empty() {
  return (
    <div className="sd-empty" data-testid="empty">
      <strong>{t("state.noDataTitle")}</strong>
      <span>{t("state.noDataText")}</span>
    </div>
  );
}

export function Panel({ title, icon, subtitle, actions, children, className = "", testId }) {
  return (
    <section className={`sd-panel ${className}`} data-testid={testId}>
      <header className="sd-panel-header">
        <div className="sd-panel-titles">
          <h3 className="sd-panel-title"><Icon name={icon} />{title}</h3>
          {subtitle ? <div className="sd-panel-subtitle">{subtitle}</div> : null}
        </div>
        {actions ? <div className="sd-panel-actions">{actions}</div> : null}
      </header>
      <div className="sd-panel-body">{children}</div>
    </section>
  );
}
