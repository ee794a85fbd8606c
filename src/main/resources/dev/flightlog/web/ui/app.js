// The dashboard's shell: router over location.pathname, nav, the global filters (kept in the
// URL), theme, error banner, the ready flag the tests wait for, and the tab's one LiveStream.

import { LiveStream } from "./live.js";
import { report } from "./api.js";
import { h, clear } from "./dom.js";

const PAGES = ["overview", "live", "sessions", "session", "tools", "errors", "recovery", "flow", "cost", "health"];
const GLOBAL = ["range", "since", "until", "project", "agent", "model"];
const RANGES = { "24h": 1, "7d": 7, "30d": 30, "90d": 90 };
const THEMES = ["auto", "light", "dark"];
const THEME_KEY = "flightlog.theme";
const DAY = 86400000;

const $ = (id) => document.getElementById(id);
const root = $("page");
const banner = $("error");
let zone = "";
try {
  zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
} catch (e) {
  zone = "";
}

export const live = new LiveStream();

let controller = null;
let generation = 0;

// ---- URL state ---------------------------------------------------------------------------

function params() {
  return new URLSearchParams(location.search);
}

function rangeOf(p) {
  const r = p.get("range");
  return r && (r in RANGES || r === "all" || r === "custom") ? r : "7d";
}

const pad = (n) => String(n).padStart(2, "0");
const dateText = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
function addDays(text, n) {
  const [y, m, d] = text.split("-").map(Number);
  return dateText(new Date(y, m - 1, d + n));
}
const isDate = (t) => /^\d{4}-\d{2}-\d{2}$/.test(t || "");

/** The API filters of the URL p, and of the previous range of equal length. */
export function resolveFilters(p, now = Date.now()) {
  const common = {};
  for (const k of ["project", "agent", "model"]) {
    const v = (p.get(k) || "").trim();
    if (v) common[k] = v;
  }
  if (zone) common.tz = zone;
  const range = rangeOf(p);
  let current;
  let previous = null;
  if (range in RANGES) {
    const end = Math.floor(now / 60000) * 60000;
    const len = RANGES[range] * DAY;
    current = Object.assign({ since: new Date(end - len).toISOString() }, common);
    previous = Object.assign({ since: new Date(end - 2 * len).toISOString(), until: new Date(end - len).toISOString() }, common);
  } else if (range === "custom") {
    let since = isDate(p.get("since")) ? p.get("since") : null;
    let until = isDate(p.get("until")) ? p.get("until") : null;
    if (since && until && since > until) [since, until] = [until, since];
    current = Object.assign({}, common);
    if (since) current.since = since;
    if (until) current.until = until;
    if (since && until && since <= until) {
      const days = Math.round((Date.parse(until) - Date.parse(since)) / DAY) + 1;
      previous = Object.assign({ since: addDays(since, -days), until: addDays(since, -1) }, common);
    }
  } else {
    current = Object.assign({}, common);
  }
  return { current, previous };
}

function link(path, extra) {
  const p = params();
  const q = new URLSearchParams();
  for (const k of GLOBAL) {
    const v = p.get(k);
    if (v) q.set(k, v);
  }
  if (extra) {
    for (const [k, v] of Object.entries(extra)) {
      if (v === null || v === undefined || v === "") q.delete(k);
      else q.set(k, String(v));
    }
  }
  const text = q.toString();
  return path + (text ? "?" + text : "");
}

function setParam(name, value) {
  const url = new URL(location.href);
  if (value === null || value === undefined || value === "") url.searchParams.delete(name);
  else url.searchParams.set(name, String(value));
  history.replaceState(history.state, "", url.pathname + url.search + url.hash);
}

function route(pathname) {
  const parts = pathname.split("/").filter(Boolean);
  if (parts.length === 0) return { page: "overview", arg: null };
  if (parts[0] === "session" && parts.length >= 2) {
    let arg = parts.slice(1).join("/");
    try {
      arg = decodeURIComponent(arg);
    } catch (e) {
      // keep it raw
    }
    return { page: "session", arg };
  }
  if (parts.length === 1 && PAGES.includes(parts[0]) && parts[0] !== "session" && parts[0] !== "overview") {
    return { page: parts[0], arg: null };
  }
  return { page: null, arg: null };
}

// ---- error banner ------------------------------------------------------------------------

export function showError(err) {
  if (!err || err.name === "AbortError") return;
  banner.textContent = err.message || String(err);
  banner.hidden = false;
}

function hideError() {
  banner.hidden = true;
  banner.textContent = "";
}

// ---- rendering ---------------------------------------------------------------------------

async function render() {
  const gen = ++generation;
  if (controller) controller.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const { page, arg } = route(location.pathname);
  const p = params();
  syncFilters(p);
  syncNav(page);
  hideError();
  hideTooltip();
  clear(root);
  document.body.dataset.page = page || "notfound";
  document.body.dataset.ready = "false";
  const filters = resolveFilters(p);
  const view = {
    root,
    arg,
    params: p,
    filters: filters.current,
    previous: filters.previous,
    range: rangeOf(p),
    setParam,
    link,
    signal,
    live,
    navigate,
    showError,
  };
  try {
    if (!page) {
      document.title = "Not found · flightlog";
      root.append(h("section", { class: "card empty" }, h("h1", null, "Not found"), h("p", null, "There is no page at ", h("code", null, location.pathname), ". ", h("a", { href: link("/") }, "Go to the overview"), ".")));
    } else {
      document.title = `${page === "overview" ? "Overview" : page[0].toUpperCase() + page.slice(1)} · flightlog`;
      const module = await import(`./pages/${page}.js`);
      if (gen !== generation) return;
      await module.render(view);
    }
  } catch (err) {
    if (gen !== generation || (err && err.name === "AbortError")) return;
    console.error(err);
    showError(err);
  }
  if (gen === generation) document.body.dataset.ready = "true";
}

export function navigate(href, replace = false) {
  if (replace) history.replaceState(null, "", href);
  else history.pushState(null, "", href);
  render();
  window.scrollTo(0, 0);
}

// ---- nav and filter bar ------------------------------------------------------------------

function syncNav(page) {
  const current = page === "session" ? "sessions" : page;
  for (const a of document.querySelectorAll("nav a[data-nav]")) {
    const name = a.dataset.nav;
    a.setAttribute("href", link(name === "overview" ? "/" : "/" + name));
    if (name === current) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.querySelector("[data-nav-home]").setAttribute("href", link("/"));
}

function syncFilters(p) {
  const range = rangeOf(p);
  $("range").value = range;
  const custom = range === "custom";
  for (const id of ["since", "until"]) {
    const input = $(id);
    input.disabled = !custom;
    const v = p.get(id);
    input.value = custom && isDate(v) ? v : "";
  }
  if (!custom) {
    const { current } = resolveFilters(p);
    if (current.since) $("since").value = dateText(new Date(current.since));
    $("until").value = range === "all" ? "" : dateText(new Date());
  }
  for (const id of ["project", "agent", "model"]) {
    if (document.activeElement !== $(id) || $(id).value !== (p.get(id) || "")) $(id).value = p.get(id) || "";
  }
}

function onFilterChange(event) {
  const url = new URL(location.href);
  const q = url.searchParams;
  const id = event.target.id;
  if (id === "range") {
    const range = $("range").value;
    q.set("range", range);
    if (range === "custom") {
      // Start from the dates the preset showed, so the range stays put.
      if ($("since").value) q.set("since", $("since").value);
      if ($("until").value) q.set("until", $("until").value);
    } else {
      q.delete("since");
      q.delete("until");
    }
  } else if (id === "since" || id === "until") {
    q.set("range", "custom");
    const v = $(id).value;
    if (v) q.set(id, v);
    else q.delete(id);
  } else if (id === "project" || id === "agent" || id === "model") {
    const v = $(id).value.trim();
    if (v) q.set(id, v);
    else q.delete(id);
  } else {
    return;
  }
  const href = url.pathname + (q.toString() ? "?" + q.toString() : "") + url.hash;
  if (href !== location.pathname + location.search + location.hash) navigate(href);
}

let suggested = false;
function suggest() {
  // Fill the datalists of project and model once, after the first page has its data.
  if (suggested) return;
  suggested = true;
  const fill = (id, values) => {
    const list = $(id);
    clear(list);
    for (const v of values.slice(0, 200)) if (v) list.append(h("option", { value: v }));
  };
  report("projects", { limit: 0 })
    .then((rows) => fill("dl-project", rows.map((r) => r.project)))
    .catch(() => {});
  report("models", {})
    .then((rows) => fill("dl-model", rows.map((r) => r.model)))
    .catch(() => {});
}

// ---- theme -------------------------------------------------------------------------------

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  const b = $("theme");
  b.textContent = theme === "auto" ? "◐ auto" : theme === "light" ? "☀ light" : "☾ dark";
  b.setAttribute("aria-label", `Colour theme: ${theme} (click to change)`);
}

function storedTheme() {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return THEMES.includes(t) ? t : "auto";
  } catch (e) {
    return "auto";
  }
}

// ---- tooltip (shared with chart.js) ------------------------------------------------------

function hideTooltip() {
  const t = $("tooltip");
  if (t) t.hidden = true;
}

// ---- connection state --------------------------------------------------------------------

const CONN_TEXT = { open: "live", connecting: "reconnecting…", closed: "disconnected" };
function showState(state) {
  const conn = $("conn");
  conn.dataset.state = state;
  conn.textContent = CONN_TEXT[state] || state;
  conn.title = state === "open" ? "Receiving live events" : state === "connecting" ? "Connecting to the daemon's event stream" : "Not connected to the daemon's event stream";
}

// ---- start -------------------------------------------------------------------------------

function start() {
  applyTheme(storedTheme());
  $("theme").addEventListener("click", () => {
    const next = THEMES[(THEMES.indexOf(document.documentElement.dataset.theme || "auto") + 1) % THEMES.length];
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch (e) {
      // private mode: the choice lasts for this tab only
    }
    applyTheme(next);
  });
  const form = $("filters");
  form.addEventListener("change", onFilterChange);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    onFilterChange({ target: document.activeElement || {} });
  });
  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const a = event.target instanceof Element ? event.target.closest("a[href^='/']") : null;
    if (!a || a.target || a.hasAttribute("download")) return;
    const href = a.getAttribute("href");
    if (href.startsWith("//") || href.startsWith("/api/") || href.startsWith("/ui/")) return;
    event.preventDefault();
    if (href === location.pathname + location.search) return;
    navigate(href);
  });
  window.addEventListener("popstate", () => render());
  live.onState(showState);
  showState(live.state);
  live.start();
  // A page left for another document may sit in the back/forward cache with its stream open;
  // a few of those use up the browser's six connections to the daemon and stall the next page.
  // Close the stream when the page is hidden and reopen it if the page comes back from the cache.
  window.addEventListener("pagehide", () => live.close());
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) live.start();
  });
  render().then(() => setTimeout(suggest, 300));
}

start();
