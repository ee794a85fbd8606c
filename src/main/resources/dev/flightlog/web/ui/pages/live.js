// /live — the event stream as it happens, newest on top. Rows are keyed by kind + id: a tool call
// published again (pending, then ok/error) updates its row instead of adding one.

import { h, clear } from "../dom.js";
import * as format from "../format.js";

const MAX_ROWS = 500;
const MAX_KEPT = 2000;
const TEXT = 300;
const OUTCOMES = ["ok", "error", "denied", "interrupted", "pending"];
// What "activity" shows: the records a person follows. Hook receipts, metric points and cost
// states are there under "all kinds" (and each kind on its own).
const KINDS = ["tool_call", "prompt", "model_request", "session", "thread", "hook_event", "cost_state", "metric_point"];
const ACTIVITY = new Set(["tool_call", "prompt", "model_request", "session", "thread"]);
const FILTERS = ["agent", "project", "session", "tool", "outcome", "kind"];
const STATE_TEXT = { open: "live", connecting: "connecting…", closed: "disconnected — retrying" };

export async function render(view) {
  const live = view.live;
  const filters = {};
  for (const name of FILTERS) filters[name] = view.params.get("f_" + name) || "";

  // Everything received while this page is open, by key (merged across updates), oldest first.
  const records = new Map();
  const rows = new Map(); // key → <tr>, only for the rows shown
  const sessionProjects = new Map();
  let paused = false;
  let held = [];
  let heldMatching = 0;

  const list = h("tbody", { id: "live-list", "aria-live": "off" });
  const empty = h("p", { class: "empty", id: "live-empty" },
    "Waiting for events… run your agent, or ",
    h("code", null, "flightlog tail"),
    " to check from a terminal.");
  const notice = h("p", { class: "notice", id: "live-notice", role: "status", hidden: "" });
  const stateText = h("span", { id: "live-state" });
  const counts = h("span", { class: "muted", id: "live-counts" });
  const pausedCount = h("span", { id: "paused-count", class: "badge", hidden: "" }, "0");
  const pause = h("button", {
    id: "pause", type: "button", "aria-pressed": "false",
    on: { click: () => setPaused(!paused) },
  }, "Pause");

  const inputs = {
    agent: filterInput("agent", "Agent", "any"),
    project: filterInput("project", "Project", "part of the path"),
    session: filterInput("session", "Session", "id prefix"),
    tool: filterInput("tool", "Tool", "Bash, mcp__…"),
  };
  const outcome = h("select", { id: "f-outcome", on: { change: () => setFilter("outcome", outcome.value) } },
    h("option", { value: "" }, "any outcome"),
    OUTCOMES.map((o) => h("option", { value: o }, o)));
  outcome.value = filters.outcome;
  const kind = h("select", { id: "f-kind", on: { change: () => setFilter("kind", kind.value) } },
    h("option", { value: "" }, "activity"),
    h("option", { value: "all" }, "all kinds"),
    KINDS.map((k) => h("option", { value: k }, k.replace("_", " "))));
  kind.value = filters.kind;

  view.root.append(
    h("section", { class: "card live" },
      h("header", null,
        h("h2", null, "Live events"),
        h("span", { class: "live-status" }, pause, pausedCount, stateText, counts)),
      h("form", { class: "live-filters", role: "search", on: { submit: (e) => e.preventDefault() } },
        inputs.agent.label, inputs.project.label, inputs.session.label, inputs.tool.label,
        h("label", null, "Outcome ", outcome),
        h("label", null, "Show ", kind)),
      notice,
      h("div", { class: "scroll" },
        h("table", { class: "live-table", "data-table": "live" },
          h("thead", null, h("tr", null,
            h("th", { scope: "col" }, "Time"),
            h("th", { scope: "col" }, "Kind"),
            h("th", { scope: "col" }, "Agent"),
            h("th", { scope: "col" }, "Session"),
            h("th", { scope: "col" }, "Tool"),
            h("th", { scope: "col" }, "What"),
            h("th", { scope: "col" }, "Channel"))),
          list)),
      empty));

  function filterInput(name, label, placeholder) {
    let timer = 0;
    const input = h("input", {
      id: "f-" + name, type: "search", placeholder, autocomplete: "off", spellcheck: "false",
      on: {
        input: () => {
          clearTimeout(timer);
          timer = setTimeout(() => setFilter(name, input.value.trim()), 150);
        },
        change: () => {
          clearTimeout(timer);
          setFilter(name, input.value.trim());
        },
      },
    });
    input.value = filters[name];
    return { input, label: h("label", null, label + " ", input) };
  }

  function setFilter(name, value) {
    if (filters[name] === value) return;
    filters[name] = value;
    view.setParam("f_" + name, value || null);
    rebuild();
  }

  function setPaused(on) {
    paused = on;
    pause.setAttribute("aria-pressed", String(on));
    pause.textContent = on ? "Resume" : "Pause";
    if (!on) {
      const events = held;
      held = [];
      heldMatching = 0;
      pausedCount.hidden = true;
      accept(events);
    } else {
      pausedCount.textContent = "0 new";
      pausedCount.hidden = false;
    }
  }

  // ---- filtering -------------------------------------------------------------------------

  const global = view.filters || {};
  function matches(r) {
    if (filters.kind === "") {
      if (!ACTIVITY.has(r.kind)) return false;
      if (r.kind === "thread" && (r.thread_id === "main" || !r.thread_id)) return false;
    } else if (filters.kind !== "all" && r.kind !== filters.kind) {
      return false;
    }
    const agent = filters.agent || global.agent;
    if (agent && !eq(r.agent, agent)) return false;
    for (const project of [global.project, filters.project]) {
      if (!project) continue;
      const p = r.project || sessionProjects.get(r.session_id);
      if (!p || !contains(p, project)) return false;
    }
    if (filters.session && !(r.session_id || "").toLowerCase().startsWith(filters.session.toLowerCase())) {
      return false;
    }
    if (filters.tool && !(r.kind === "tool_call" && contains(r.tool, filters.tool))) return false;
    if (filters.outcome && !(r.kind === "tool_call" && (r.status || "pending") === filters.outcome)) {
      return false;
    }
    return true;
  }

  // ---- incoming events -------------------------------------------------------------------

  function keyOf(e) {
    return e.kind + "|" + (e.id || e.event_id);
  }

  function accept(events) {
    if (events.length === 0) return;
    const fresh = new Map(); // key → record, for rows to add on top (first change first)
    for (const e of events) {
      if (e.kind === "session" && e.project && e.session_id) sessionProjects.set(e.session_id, e.project);
      const key = keyOf(e);
      const old = records.get(key);
      const record = old ? merge(old, e) : Object.assign({ key }, e);
      records.set(key, record); // an update keeps the place of the first change
      const row = rows.get(key);
      if (!matches(record)) {
        fresh.delete(key);
        if (row) {
          row.remove();
          rows.delete(key);
        }
      } else if (row) {
        const next = rowOf(record);
        next.classList.add("fresh");
        row.replaceWith(next);
        rows.set(key, next);
      } else {
        fresh.set(key, record);
      }
    }
    while (records.size > MAX_KEPT) records.delete(records.keys().next().value);
    if (fresh.size > 0) {
      const added = [...fresh.values()];
      const fragment = document.createDocumentFragment();
      for (let i = added.length - 1; i >= 0; i--) {
        const row = rowOf(added[i]);
        row.classList.add("fresh");
        rows.set(added[i].key, row);
        fragment.append(row);
      }
      list.prepend(fragment);
      trim();
    }
    update();
  }

  function trim() {
    while (list.childElementCount > MAX_ROWS) {
      const last = list.lastElementChild;
      rows.delete(last.dataset.key);
      last.remove();
    }
  }

  function rebuild() {
    clear(list);
    rows.clear();
    const shown = [];
    for (const record of records.values()) if (matches(record)) shown.push(record);
    const fragment = document.createDocumentFragment();
    for (let i = shown.length - 1; i >= 0 && fragment.childElementCount < MAX_ROWS; i--) {
      const row = rowOf(shown[i]);
      rows.set(shown[i].key, row);
      fragment.append(row);
    }
    list.append(fragment);
    update();
  }

  function update() {
    const n = list.childElementCount;
    empty.hidden = n > 0;
    if (n === 0 && records.size > 0) {
      empty.textContent = "No events match the filters (" + format.count(records.size) + " received).";
    } else if (n === 0) {
      clear(empty);
      empty.append("Waiting for events… run your agent, or ", h("code", null, "flightlog tail"),
        " to check from a terminal.");
    }
    counts.textContent = format.count(live.received || 0) + " received" +
      (live.dropped ? ", " + format.count(live.dropped) + " dropped" : "");
  }

  function onEvents(events) {
    if (paused) {
      for (const e of events) {
        held.push(e);
        if (matches(e)) heldMatching++;
      }
      if (held.length > MAX_KEPT * 2) held = held.slice(-MAX_KEPT);
      pausedCount.textContent = format.count(heldMatching) + " new";
      return;
    }
    accept(events);
  }

  // ---- rows ------------------------------------------------------------------------------

  function rowOf(r) {
    const status = r.kind === "tool_call" ? r.status || "pending" : "";
    return h("tr", {
      dataset: {
        key: r.key,
        eventId: r.event_id || "",
        kind: r.kind,
        session: r.session_id || "",
        tool: r.kind === "tool_call" ? r.tool || "" : "",
        status,
      },
      class: "row-" + (status || r.kind),
    },
      h("td", { class: "time", title: r.at ? format.time(r.at) : "" }, r.at ? format.shortTime(r.at) : "—"),
      h("td", null, h("span", { class: "kind kind-" + r.kind }, r.kind.replace("_", " "))),
      h("td", null, text(r.agent, 40)),
      h("td", { class: "session" }, r.session_id
        ? h("a", { href: view.link("/session/" + encodeURIComponent(r.session_id)), title: r.session_id },
          format.visible(short(r.session_id)))
        : "—"),
      h("td", null, toolCell(r, status)),
      h("td", { class: "what text" }, what(r)),
      h("td", { class: "muted" }, text(r.channel, 40)));
  }

  function toolCell(r, status) {
    if (r.kind !== "tool_call") return r.kind === "model_request" ? text(r.model, 60) : "";
    return [h("span", { class: "tool" }, text(r.tool || "?", 80)), " ",
      h("span", { class: "status status-" + status }, status)];
  }

  function what(r) {
    switch (r.kind) {
      case "tool_call": {
        const parts = [];
        if (r.summary) parts.push(h("span", null, text(r.summary, TEXT)));
        if (r.error) parts.push(h("span", { class: "error-text" }, text(r.error, TEXT)));
        if (r.duration_ms != null) parts.push(h("span", { class: "muted" }, format.duration(r.duration_ms)));
        return join(parts);
      }
      case "prompt":
        return r.text ? h("q", null, text(r.text, TEXT)) : h("span", { class: "muted" }, "prompt");
      case "model_request":
        return join([
          r.tokens != null ? h("span", null, format.count(r.tokens) + " tokens") : null,
          r.cost_usd != null ? h("span", null, format.money(r.cost_usd)) : null,
          r.thread_id && r.thread_id !== "main" ? h("span", { class: "muted" }, "subagent " + format.visible(short(r.thread_id))) : null,
        ]);
      case "session":
        return join([
          text(r.project, TEXT),
          r.git_branch ? h("span", { class: "muted" }, "(" + format.visible(r.git_branch) + ")") : null,
          r.ended_at ? h("span", null, "ended" + (r.end_reason ? ": " + format.visible(r.end_reason) : "")) : null,
        ]);
      case "thread":
        return join([
          h("span", null, "subagent " + format.visible(r.agent_type || short(r.thread_id || ""))),
          r.description ? text(r.description, TEXT) : null,
        ]);
      case "hook_event":
        return join([text(r.event, 80), h("span", { class: "muted" }, format.count(r.payload_bytes) + " bytes")]);
      case "cost_state":
        return "session cost " + format.money(r.total_cost_usd);
      case "metric_point":
        return join([text(r.name, 120), "= " + r.value + (r.unit ? " " + format.visible(r.unit) : "")]);
      default:
        return "";
    }
  }

  // ---- wiring ----------------------------------------------------------------------------

  function showState(state) {
    stateText.dataset.state = state;
    stateText.textContent = STATE_TEXT[state] || state;
  }

  function onReset(info) {
    notice.hidden = false;
    if (info && info.reason === "dropped") {
      notice.textContent = format.count(info.dropped || 0) + " events were dropped because this tab fell behind — " +
        "the list is incomplete; the Sessions page has everything.";
    } else if (info && info.reason === "reconnected") {
      notice.textContent = "Reconnected — events sent while disconnected may be missing here; the Sessions page has them.";
    } else {
      notice.textContent = "The daemon restarted — older events are on the Sessions page.";
    }
    update();
  }

  const unsubscribe = [
    live.subscribe(onEvents, { batch: true }),
    live.onReset(onReset),
    live.onState(showState),
  ];
  showState(live.state);
  view.signal.addEventListener("abort", () => {
    for (const off of unsubscribe) off();
  }, { once: true });
  update();
}

function merge(old, e) {
  const record = Object.assign({}, old);
  for (const [k, v] of Object.entries(e)) {
    if (v !== null && v !== undefined) record[k] = v;
  }
  // A later change carries the final state even when it knows less (say, no start time).
  if (e.status) record.status = e.status;
  return record;
}

function join(parts) {
  const out = [];
  for (const p of parts) {
    if (p === null || p === undefined || p === "") continue;
    if (out.length > 0) out.push(" ");
    out.push(p);
  }
  return out;
}

function text(value, max) {
  if (value === null || value === undefined) return "";
  return format.excerpt(format.visible(String(value)), max);
}

function short(id) {
  return id.length > 14 ? id.slice(0, 10) + "…" : id;
}

function eq(a, b) {
  return String(a || "").toLowerCase() === String(b).toLowerCase();
}

function contains(a, b) {
  return String(a || "").toLowerCase().includes(String(b).toLowerCase());
}
