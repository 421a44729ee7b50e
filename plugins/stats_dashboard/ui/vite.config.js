// Builds the dashboard into dist/: hashed assets plus dist/.vite/manifest.json, which the host reads to find
// the entry script and its stylesheet (see README "Boot contract"). Relative base: dist/ can be served under
// any URL prefix (default /static/stats_dashboard/).
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1500, // echarts is one chunk; the total stays far under the 1 MB gzip budget
    rollupOptions: { input: { "stats-dashboard": "src/main.jsx" } },
  },
  server: {
    proxy: { "/api": process.env.STATSHOST_URL || "http://127.0.0.1:5000" },
  },
  test: {
    include: ["test/**/*.test.js"],
    environment: "node",
  },
});
