// Starts a real statshost for the browser tests: a temporary SQLite database with the demo data set
// (two years up to today) imported and aggregated, the repository's configuration (stats.yaml and
// dashboard.yaml; the UI build from plugins/stats_dashboard/ui/dist, or STATSHOST_UI_DIST) and a free port.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(new URL("../..", import.meta.url).pathname);

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

/// The repository's dashboard.yaml with the blueprint's UI build location made absolute.
function dashboardYaml(uiDist) {
  const text = readFileSync(join(ROOT, "conf/dashboard.yaml"), "utf8");
  const existing = /^(\s+STATS_DASHBOARD_UI_DIST:).*$/m;
  if (existing.test(text)) return text.replace(existing, `$1 ${JSON.stringify(uiDist)}`);
  const marker = /^(\s+)params:\s*$/m;
  const match = text.match(marker);
  if (!match) throw new Error("conf/dashboard.yaml: no blueprint 'params:' block to add STATS_DASHBOARD_UI_DIST to");
  const indent = match[1] + "  ";
  return text.replace(marker, `${match[0]}\n${indent}STATS_DASHBOARD_UI_DIST: ${JSON.stringify(uiDist)}`);
}

export async function startHost({ buildDir = process.env.STATSHOST_BUILD_DIR || join(ROOT, "build"), log = () => {} } = {}) {
  const bin = join(buildDir, "bin/statshost");
  const plugins = join(buildDir, "lib/statshost/plugins");
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build first (scripts/setup)`);
  const uiDist = process.env.STATSHOST_UI_DIST || join(ROOT, "plugins/stats_dashboard/ui/dist");
  if (!existsSync(join(uiDist, ".vite/manifest.json"))) throw new Error(`${uiDist} has no build: run npm run build in plugins/stats_dashboard/ui`);

  const dir = mkdtempSync(join(tmpdir(), "statshost-browser-"));
  const config = join(dir, "statshost.yaml");
  writeFileSync(join(dir, "dashboard.yaml"), dashboardYaml(uiDist));
  writeFileSync(config, [
    "server:", "  bind: 127.0.0.1", "  port: 0", "  threads: 8", "  access_log: false",
    "storage:", `  url: sqlite:${join(dir, "statshost.db")}`,
    "plugins:",
    `  stats_components: ${join(plugins, "libstats_components.so")}`,
    `  stats_aggregators: ${join(plugins, "libstats_aggregators.so")}`,
    `  stats_dashboard: ${join(plugins, "libstats_dashboard.so")}`,
    "tokens: []",
    "schedule:", "  enabled: false",
    "paths:", `  templates: ${join(ROOT, "templates")}`, `  data: ${join(ROOT, "conf/data")}`,
    "logging:", "  level: warning",
    "include:", `  stats: ${join(ROOT, "conf/stats.yaml")}`, `  dashboard: ${join(dir, "dashboard.yaml")}`,
    "",
  ].join("\n"));

  const run = (...args) => {
    try {
      return execFileSync(bin, ["--config", config, ...args], { stdio: ["ignore", "pipe", "pipe"] }).toString();
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`statshost ${args.join(" ")} failed (exit ${e.status}):\n${e.stderr?.toString() || e.message}`);
    }
  };
  const end = new Date();
  const start = new Date(Date.UTC(end.getUTCFullYear() - 2, end.getUTCMonth(), end.getUTCDate()));
  const demo = join(dir, "demo.ndjson");
  const t0 = Date.now();
  run("init");
  run("demo", "generate", "--scale", "small", "--seed", "1", "--start-date", isoDay(start), "--end-date", isoDay(end), "--out", demo);
  run("import", "ops", demo);
  run("aggregate");
  log(`demo data imported and aggregated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const communities = readFileSync(demo, "utf8").split("\n").filter((l) => l.startsWith('{"op":"community"'))
    .map((l) => JSON.parse(l).community);

  const child = spawn(bin, ["--config", config, "--log-level", "information", "serve"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const port = await new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`statshost did not start within 30 s:\n${output}`)), 30000);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = output.match(/listening on http:\/\/[^:\s]+:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`statshost exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    communities,
    output: () => output,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.on("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
