// /sessions — the sessions of the range (latest first, up to 200), searchable by id, project and
// model; each links to its timeline. New activity offers a refresh instead of reordering the table
// under the reader's eyes.

import { h } from "../dom.js";
import * as api from "../api.js";
import * as format from "../format.js";
import { table } from "../table.js";

const LIMIT = 200;
const ACTIVITY = new Set(["session", "tool_call", "prompt", "model_request"]);

export async function render(view) {
  const rows = await api.report("sessions", Object.assign({}, view.filters, { limit: LIMIT }), { signal: view.signal });
  const list = Array.isArray(rows) ? rows : [];

  const q = h("input", {
    id: "q", type: "search", placeholder: "session id, project or model", autocomplete: "off",
    spellcheck: "false", "aria-label": "Search sessions",
  });
  q.value = view.params.get("q") || "";
  const shown = h("span", { id: "sessions-count" });
  const refresh = h("button", {
    type: "button", id: "sessions-refresh", class: "linkish", hidden: true,
    on: { click: () => (view.navigate ? view.navigate(location.pathname + location.search, true) : location.reload()) },
  }, "New activity — refresh");

  const t = table("sessions", [
    {
      key: "session_id", label: "session", sort: false,
      format: (id) => h("a", {
        href: view.link("/session/" + encodeURIComponent(id)), dataset: { sessionLink: "" }, title: format.visible(id),
      }, format.visible(id.length > 13 ? id.slice(0, 8) + "…" : id)),
      class: "mono",
    },
    { key: "started_at", label: "started", format: (v) => format.time(v), class: "nowrap" },
    { key: "last_seen", label: "last seen", format: (v) => format.time(v), class: "nowrap" },
    {
      key: "project", format: (v) => v ? format.excerpt(format.visible(shortPath(v)), 48) : "—",
      title: (row) => (row.project ? format.visible(row.project) : null), class: "text",
    },
    { key: "agent" },
    { key: "prompts", num: true },
    { key: "tool_calls", label: "tool calls", num: true },
    {
      key: "tool_errors", label: "errors", num: true,
      format: (v) => v ? h("span", { class: "bad" }, format.count(v)) : format.count(v),
    },
    { key: "total_tokens", label: "tokens", num: true, format: (v) => format.compact(v), title: (row) => format.count(row.total_tokens) },
    { key: "cost_usd", label: "cost", num: true, format: (v, row) => format.money(v) + (row.unpriced_models && row.unpriced_models.length ? " *" : "") },
    { key: "active_ms", label: "active", num: true, format: (v) => format.duration(v) },
    { key: "models", format: (v) => Array.isArray(v) && v.length ? format.visible(v.join(", ")) : "—", class: "text" },
  ], list, { key: "session_id", empty: "No sessions in this range — widen the range (try “all time”) or clear the filters." });

  const searchable = new Map();
  for (const row of list) {
    searchable.set(row.session_id, [row.session_id, row.project || "", (row.models || []).join(" "), row.agent || ""].join("\n").toLowerCase());
  }
  const trs = [...t.querySelectorAll("tbody tr[data-key]")];
  const none = h("p", { class: "empty", id: "sessions-none", hidden: true }, "No session matches the search.");

  function apply() {
    const terms = q.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    for (const tr of trs) {
      const text = searchable.get(tr.dataset.key) || "";
      const hit = terms.every((term) => text.includes(term));
      tr.hidden = !hit;
      if (hit) n++;
    }
    none.hidden = n > 0 || list.length === 0;
    shown.textContent = terms.length
      ? `${format.count(n)} of ${format.count(list.length)} sessions match`
      : `${format.count(list.length)} session${list.length === 1 ? "" : "s"}` +
        (list.length >= LIMIT ? ` (the latest ${LIMIT}; narrow the range or filters for older ones)` : "");
  }

  let timer = 0;
  q.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      view.setParam("q", q.value.trim() || null);
      apply();
    }, 100);
  });
  q.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && q.value) {
      q.value = "";
      view.setParam("q", null);
      apply();
    }
  });

  view.root.append(
    h("div", { class: "pagehead" }, h("h1", null, "Sessions"), h("span", { class: "muted" }, shown)),
    h("section", { class: "card" },
      h("div", { class: "sessions-tools" }, h("label", null, "Search ", q), refresh,
        h("span", { class: "muted" }, "Costs marked * include models without a price.")),
      h("div", { class: "scroll" }, t),
      none));
  apply();

  if (view.live) {
    const known = new Set(list.map((r) => r.session_id));
    const off = view.live.subscribe((events) => {
      for (const e of events) {
        if (!ACTIVITY.has(e.kind) || !e.session_id) continue;
        if (view.filters.agent && e.agent !== view.filters.agent) continue;
        refresh.hidden = false;
        refresh.textContent = known.has(e.session_id) ? "New activity — refresh" : "New session — refresh";
        if (!known.has(e.session_id)) break;
      }
    }, { batch: true });
    view.signal.addEventListener("abort", off, { once: true });
  }
}

/** The last three components of a path: enough to tell projects apart in a narrow column. */
function shortPath(path) {
  const parts = String(path).split("/").filter(Boolean);
  return parts.length > 3 ? "…/" + parts.slice(-3).join("/") : String(path);
}
