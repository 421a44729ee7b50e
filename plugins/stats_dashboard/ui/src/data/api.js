/// Calls to POST /api/stats: the four category queries for one range, and report downloads of the same body.
import { CATEGORY_QUERIES } from "./categories.js";
import { leaderboardRequest } from "./leaderboards.js";

/// The request body: one entry per category, keyed by its query name.
export function statsRequestBody({ communityId, start, end, dateBasis = "added" }) {
  const body = {};
  for (const query of Object.values(CATEGORY_QUERIES)) {
    body[query] = { stat: query, params: { community_id: communityId, start_date: start, end_date: end, date_basis: dateBasis } };
  }
  return body;
}

function csrfToken() {
  const m = /(?:^|;\s*)csrftoken=([^;]+)/.exec(globalThis.document?.cookie || "");
  return m ? decodeURIComponent(m[1]) : null;
}

async function post(url, body, accept) {
  const headers = { "Content-Type": "application/json", Accept: accept };
  const token = csrfToken();
  if (token) headers["X-CSRFToken"] = token;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body), credentials: "same-origin" });
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      const error = await response.json();
      message = error.message || error.error || message;
    } catch {
      /* not JSON: keep the status text */
    }
    const err = new Error(message);
    err.status = response.status;
    throw err;
  }
  return response;
}

export async function fetchStats(apiUrl, params) {
  const response = await post(apiUrl, statsRequestBody(params), "application/json");
  return response.json();
}

export const REPORT_FORMATS = [
  { id: "csv", labelKey: "report.csv", accept: "text/csv" },
  { id: "xlsx", labelKey: "report.xlsx", accept: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  { id: "json", labelKey: "report.json", accept: "application/json" },
  { id: "xml", labelKey: "report.xml", accept: "application/xml" },
];

/// File name from Content-Disposition, else stats_<community>_<start>_to_<end>.<ext>.
export function reportFileName(disposition, { communityId, start, end }, format) {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition || "");
  if (m) return decodeURIComponent(m[1]);
  return `stats_${communityId}_${start}_to_${end}.${format}`;
}

/// Fetches a report and hands it to the browser as a download. Throws with the server's message on failure.
export async function downloadReport(apiUrl, params, format) {
  const spec = REPORT_FORMATS.find((f) => f.id === format);
  const url = `${apiUrl}${apiUrl.includes("?") ? "&" : "?"}format=${encodeURIComponent(format)}`;
  const response = await post(url, statsRequestBody(params), spec?.accept || "*/*");
  const blob = await response.blob();
  const name = reportFileName(response.headers.get("Content-Disposition"), params, format);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  return name;
}

/// One leaderboard (top-records, top-uploaders, top-communities, top-subcommunities) for a range:
/// -> the response object {"<query>": answer}. Params as leaderboardRequest (data/leaderboards.js).
export async function fetchLeaderboard(apiUrl, query, params) {
  const response = await post(apiUrl, leaderboardRequest(query, params), "application/json");
  return response.json();
}
