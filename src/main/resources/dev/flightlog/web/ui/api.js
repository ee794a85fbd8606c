// The dashboard's only way to the daemon: GET requests on the JSON API.

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

let zone = "";
try {
  zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
} catch (e) {
  zone = "";
}

async function get(path, opts) {
  let response;
  try {
    response = await fetch(path, {
      signal: opts && opts.signal,
      headers: { Accept: "application/json" },
    });
  } catch (e) {
    if (e && e.name === "AbortError") throw e;
    throw new ApiError(`cannot reach the daemon (${path.split("?")[0]})`, 0);
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    if (e && e.name === "AbortError") throw e;
    body = null;
  }
  if (!response.ok) {
    const message = body && typeof body.error === "string" ? body.error : `HTTP ${response.status} on ${path.split("?")[0]}`;
    throw new ApiError(message, response.status);
  }
  return body;
}

function query(params) {
  const q = new URLSearchParams();
  const all = Object.assign({ tz: zone }, params || {});
  for (const [k, v] of Object.entries(all)) {
    if (v === null || v === undefined || v === "") continue;
    q.set(k, String(v));
  }
  const text = q.toString();
  return text ? "?" + text : "";
}

/** A report: name is a report name or "session/ID". */
export function report(name, params, opts) {
  let path = String(name);
  if (path.startsWith("session/")) path = "session/" + encodeURIComponent(path.slice(8));
  else path = encodeURIComponent(path);
  return get(`/api/report/${path}${query(params)}`, opts);
}

export function toolCall(id, opts) {
  return get(`/api/tool_call/${encodeURIComponent(id)}`, opts);
}

export function health(opts) {
  return get("/api/health", opts);
}
