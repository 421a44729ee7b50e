/// Entry point: reads the boot data of #stats-dashboard (see README "Boot contract") and mounts the app.
import { createRoot } from "react-dom/client";
import Dashboard from "./components/Dashboard.jsx";
import { ROOT_ID, dashboardSettings, readBootData } from "./boot/readConfig.js";
import { detectLocale, setLocale } from "./i18n/index.js";
import "./styles.css";

function boot() {
  const element = document.getElementById(ROOT_ID);
  if (!element) return;
  const { config, community, errors } = readBootData(element);
  for (const e of errors) console.warn(`stats dashboard: ${e}`);
  const locale = setLocale(detectLocale(config));
  createRoot(element).render(<Dashboard settings={dashboardSettings(config, community)} community={community} locale={locale} />);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
