// Browser tests of the dashboards in real headless Chromium (playwright-core + the system chromium)
// against a running statshost with the demo data aggregated. Checks: every tab of the global and of
// one community dashboard renders charts with data; date range and granularity change the numbers;
// a report download returns a file; the map has coloured countries; the leaderboards list rows (global
// dashboard; skipped without leaderboard data); no console errors; page weight
// (JS+CSS transferred) under 1 MB. Screenshots at 1280 and 375 px go to build/screenshots/.
//
// Environment: CHROMIUM (default /usr/bin/chromium), STATSHOST_BUILD_DIR (default build), STATSHOST_UI_DIST
// (default plugins/stats_dashboard/ui/dist),
// SCREENSHOT_DIR (default build/screenshots). Exit 0 pass, 1 fail, 77 skipped (no chromium).
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { ROOT, startHost } from "./host.mjs";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SHOTS = process.env.SCREENSHOT_DIR || join(ROOT, "build/screenshots");
const WEIGHT_LIMIT = 1024 * 1024;
const WIDTHS = [1280, 375];

if (!existsSync(CHROMIUM)) {
  console.log(`SKIP browser tests: ${CHROMIUM} not found (apt-get install chromium)`);
  process.exit(77);
}

const results = [];
function check(name, ok, detail = "") {
  results.push({ name, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
}
const log = (m) => console.log(`     ${m}`);

/// Pixels of the canvases inside `locator` (first match) that are clearly coloured (series,
/// countries): not transparent, not white or grey, not one of the `exclude` colours.
async function colouredPixels(locator, exclude = []) {
  return locator.first().evaluate((root, exclude) => {
    let total = 0;
    for (const canvas of root.querySelectorAll("canvas")) {
      const ctx = canvas.getContext("2d");
      if (!ctx || !canvas.width || !canvas.height) continue;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 16) {  // every 4th pixel
        const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        if (a < 200 || Math.max(r, g, b) - Math.min(r, g, b) < 50) continue;
        if (exclude.some(([er, eg, eb]) => Math.abs(er - r) + Math.abs(eg - g) + Math.abs(eb - b) < 30)) continue;
        total++;
      }
    }
    return total;
  }, exclude);
}

/// Waits until the tab's widgets finished loading (no "…" values, no loading panels).
async function settle(page) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => {
    const values = [...document.querySelectorAll(".sd-single-stat-value")];
    return !values.some((v) => v.textContent.trim() === "…") && !document.querySelector(".sd-loading");
  }, null, { timeout: 30000 });
  await page.waitForTimeout(300);  // ResizeObserver-driven chart redraws
}

/// After a control changed: waits (up to 15 s) until the single stats differ from `before`, then settles.
async function statsChangedFrom(page, before) {
  await page.waitForFunction((prev) => {
    const now = [...document.querySelectorAll("[data-testid=single-stat] .sd-single-stat-value")].map((e) => e.dataset.value);
    return JSON.stringify(now) !== prev;
  }, JSON.stringify(before.map(String)), { timeout: 15000 }).catch(() => {});
  await settle(page);
  return singleStats(page);
}

async function singleStats(page) {
  return page.$$eval("[data-testid=single-stat] .sd-single-stat-value", (els) => els.map((e) => Number(e.dataset.value)));
}

async function tabNames(page) {
  return page.$$eval("[role=tab][data-tab]", (els) => els.map((e) => e.dataset.tab));
}

async function showTab(page, name) {
  await page.evaluate((n) => { location.hash = `tab=${encodeURIComponent(n)}`; }, name);
  await page.waitForSelector(`[role=tab][data-tab="${name}"][aria-selected=true]`);
  await settle(page);
}

/// Every tab: single stats with data, every chart with coloured series, tables present.
async function checkTabs(page, label, width) {
  const tabs = await tabNames(page);
  check(`${label} @${width}: tabs`, tabs.length >= 4, tabs.join(", "));
  for (const tab of tabs) {
    await showTab(page, tab);
    const stats = await singleStats(page);
    const charts = page.locator("[data-testid=stats-chart]");
    const chartCount = await charts.count();
    let chartsWithData = 0;
    for (let i = 0; i < chartCount; i++) {
      const chart = charts.nth(i);
      const empty = await chart.locator("[data-testid=empty]").count();
      if (!empty && (await colouredPixels(chart)) > 0) chartsWithData++;
    }
    const multi = await page.$$eval("[data-testid=multi-display]", (els) => els.filter((e) => !e.querySelector("[data-testid=empty]")).length);
    const unknown = await page.locator("[data-testid=unknown-component]").count();
    check(`${label} @${width} tab ${tab}`, stats.some((v) => v > 0) && chartCount > 0 && chartsWithData === chartCount && unknown === 0,
      `single stats [${stats.join(", ")}], charts with data ${chartsWithData}/${chartCount}, tables with data ${multi}`);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${label}-${tab}-${width}.png`), fullPage: true });
  }
  return tabs;
}

async function checkMap(page, label) {
  await showTab(page, "traffic");
  const map = page.locator("[data-testid=stats-map]").first();
  await map.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  // Countries without visits are drawn in the base colour (#b3cde3); visited ones darker or red.
  const px = await colouredPixels(page.locator("[data-testid=map-panel]"), [[179, 205, 227]]);
  check(`${label}: map has coloured countries`, px > 200, `${px} coloured pixels sampled`);
}

async function checkControls(page, label) {
  await showTab(page, "contributions");
  const before = await singleStats(page);
  const rangeBefore = await page.textContent("[data-testid=range-text]");
  await page.selectOption("#sd-range", "4weeks");
  const afterRange = await statsChangedFrom(page, before);
  const rangeAfter = await page.textContent("[data-testid=range-text]");
  check(`${label}: date range changes the numbers`, JSON.stringify(before) !== JSON.stringify(afterRange),
    `${rangeBefore} [${before.join(", ")}] -> ${rangeAfter} [${afterRange.join(", ")}]`);

  const chartBefore = await page.locator("[data-testid=stats-chart] canvas").first().screenshot();
  await page.selectOption("#sd-granularity", "quarter");
  const afterGranularity = await statsChangedFrom(page, afterRange);
  const chartAfter = await page.locator("[data-testid=stats-chart] canvas").first().screenshot();
  const rangeGranularity = await page.textContent("[data-testid=range-text]");
  check(`${label}: granularity changes the numbers`,
    JSON.stringify(afterGranularity) !== JSON.stringify(afterRange) && !chartBefore.equals(chartAfter),
    `quarter: ${rangeGranularity} [${afterGranularity.join(", ")}], chart redrawn with quarterly buckets`);
}

async function checkReport(page, label) {
  for (const format of ["csv", "xlsx"]) {
    await page.selectOption("#sd-report", format);
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 30000 }),
      page.click("[data-testid=report-selector] button"),
    ]);
    const path = await download.path();
    const bytes = path ? readFileSync(path) : Buffer.alloc(0);
    // The export arrives as <name>.<format>[.tar.gz]: look inside the archive for the format's file.
    let inner = bytes;
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) inner = gunzipSync(bytes);
    const ext = `.${format}`;
    const text = inner.toString("latin1");
    const looksRight = bytes.length > 100 && bytes[0] !== 0x7b /* not JSON */ &&
      (text.includes(ext) || download.suggestedFilename().endsWith(ext)) &&
      (format === "csv" ? text.includes(",") : text.includes("PK"));
    check(`${label}: ${format} report download`, looksRight,
      `${download.suggestedFilename()} (${bytes.length} bytes${inner !== bytes ? `, ${inner.length} unpacked` : ""})`);
  }
}

/// Leaderboards (issue 8) on the global dashboard: the record rankings (traffic tab) and the community
/// ranking (contributions tab) render rows, record titles link to a landing page. Skipped with a message
/// when the host has no leaderboard data (top-records answers no entries: aggregations not configured).
async function checkLeaderboards(page, hostUrl, label) {
  const probe = await fetch(`${hostUrl}/api/stats`, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ q: { stat: "top-records", params: { community_id: "global" } } }) });
  const answer = probe.ok ? (await probe.json()).q : null;
  if (!answer?.entries?.length) {
    log(`SKIP ${label}: leaderboards: top-records answered ${probe.status} without entries (are the leaderboard aggregations in conf/stats.yaml?)`);
    return;
  }
  const rowsOf = async (testId) => {
    const done = `[data-testid=${testId}] [data-testid=leaderboard-row], [data-testid=${testId}] [data-testid=leaderboard-empty]`;
    await page.waitForSelector(done, { timeout: 20000 }).catch(() => {});
    return page.locator(`[data-testid=${testId}] [data-testid=leaderboard-row]`).count();
  };
  await showTab(page, "traffic");
  const recordRows = await rowsOf("top-records");
  const href = recordRows ? await page.locator("[data-testid=top-records] [data-testid=leaderboard-row] a").first().getAttribute("href") : null;
  const title = await page.locator("[data-testid=top-records] .sd-panel-title").first().textContent();
  check(`${label}: top records list rows with links`, recordRows > 0 && Boolean(href), `${recordRows} rows, first link ${href}, title "${title}"`);
  await showTab(page, "contributions");
  const communityRows = await rowsOf("top-communities");
  const uploaderRows = await rowsOf("top-uploaders");
  check(`${label}: top communities list rows`, communityRows > 0, `${communityRows} communities, ${uploaderRows} uploaders`);
}

async function openDashboard(browser, url, width, errors, weight) {
  const context = await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 812 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") errors.push(`${url}: console: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`${url}: page error: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`${url}: request failed: ${r.url()} ${r.failure()?.errorText}`));
  if (weight) {
    page.on("requestfinished", async (request) => {
      const type = request.resourceType();
      if (type !== "script" && type !== "stylesheet") return;
      const response = await request.response();
      const sizes = await request.sizes();
      weight.push({ url: request.url(), type, transferred: sizes.responseBodySize + sizes.responseHeadersSize,
        encoding: (await response.allHeaders())["content-encoding"] || "identity",
        decoded: (await response.body()).length });
    });
  }
  const response = await page.goto(url, { waitUntil: "load" });
  if (response.status() !== 200) throw new Error(`${url} answered ${response.status()}`);
  await page.waitForSelector(".sd-dashboard", { timeout: 30000 });
  await settle(page);
  return { context, page };
}

async function main() {
  const t0 = Date.now();
  const host = await startHost({ log });
  log(`statshost at ${host.url}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const errors = [];
  try {
    const community = host.communities.find((c) => c.access?.visibility === "public" && c.custom_fields?.["stats:dashboard_enabled"]);
    const disabled = host.communities.find((c) => c.access?.visibility === "public" && !c.custom_fields?.["stats:dashboard_enabled"]);
    const pages = [["global", `${host.url}/stats`], ["community", `${host.url}/communities/${community.slug}/stats`]];
    log(`community dashboard: ${community.slug}`);

    for (const width of WIDTHS) {
      for (const [label, url] of pages) {
        const weight = width === 1280 && label === "global" ? [] : null;
        const { context, page } = await openDashboard(browser, url, width, errors, weight);
        await checkTabs(page, label, width);
        if (width === 1280) {
          await checkMap(page, label);
          await checkControls(page, label);
          await checkReport(page, label);
          if (label === "global") await checkLeaderboards(page, host.url, label);
        }
        if (weight) {
          const total = weight.reduce((s, w) => s + w.transferred, 0);
          const decoded = weight.reduce((s, w) => s + w.decoded, 0);
          for (const w of weight) log(`${w.type} ${w.url.replace(host.url, "")}: ${w.transferred} B transferred (${w.encoding}), ${w.decoded} B decoded`);
          check("page weight: JS+CSS transferred < 1 MB", total > 0 && total < WEIGHT_LIMIT,
            `${(total / 1024).toFixed(1)} KiB transferred (${(decoded / 1024).toFixed(1)} KiB decoded) in ${weight.length} files`);
        }
        await context.close();
      }
    }

    // The "not enabled" page of an opted-out community: a clear message with status 404.
    if (disabled) {
      const r = await fetch(`${host.url}/communities/${disabled.slug}/stats`);
      const body = await r.text();
      check("opted-out community: 404 'Dashboard Not Enabled'", r.status === 404 && body.includes("Dashboard Not Enabled"), `status ${r.status}`);
    }
    check("no console errors", errors.length === 0, errors.slice(0, 10).join(" | "));
  } finally {
    await browser.close();
    await host.stop();
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`browser tests: ${results.length - failed} passed, ${failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${SHOTS}`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`FAIL browser tests: ${e.stack || e}`);
  process.exit(1);
});
