// /session/ID — one session: its numbers, a timeline (one lane per thread, each tool call a bar
// from its start as long as it took, prompts and their turns, model requests as ticks) with zoom
// and horizontal scroll, the tool call under the cursor in #call-detail, and every entry in order.
// New events of this session re-fetch the timeline (one fetch at a time, once more if needed).

import { h, s, clear } from "../dom.js";
import * as api from "../api.js";
import * as format from "../format.js";

const SHOW_MAX = 100000;
const LABEL_W = 190;
const AXIS_H = 26;
const TURN_H = 16;
const TICK_H = 7;
const ROW_H = 11;
const ROW_GAP = 3;
const LANE_PAD = 6;
const MAX_ROWS = 8;
const MIN_W = 2;
const MAX_WIDTH = 4000000;
const LIST_MAX = 5000;
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5,
  9e5, 18e5, 36e5, 72e5, 108e5, 216e5, 432e5, 864e5, 1728e5, 6048e5];
const TIMELINE_KINDS = new Set(["tool_call", "prompt", "model_request", "thread", "session"]);

export async function render(view) {
  const id = view.arg;
  const signal = view.signal;
  if (!id) {
    view.root.append(h("section", { class: "card" },
      h("p", { class: "empty" }, "No session given — pick one on the ",
        h("a", { href: view.link("/sessions") }, "Sessions"), " page.")));
    return;
  }

  const [entries, rows] = await Promise.all([
    api.report("session/" + id, {}, { signal }),
    api.report("sessions", { session: id, limit: 1 }, { signal }).catch((e) => {
      if (e && e.name === "AbortError") throw e;
      return [];
    }),
  ]);
  let info = Array.isArray(rows) && rows.length > 0 ? rows[0] : null;
  const sessionId = info ? info.session_id : id;

  // ---- skeleton ---------------------------------------------------------------------------
  const title = h("h1", { class: "session-title" }, "Session ",
    h("code", { title: sessionId }, format.visible(sessionId)));
  const facts = h("dl", { class: "session-facts" });
  const kpis = h("div", { class: "kpis" });
  const scroller = h("div", { class: "tl-scroll", tabindex: "-1" });
  const zoomLabel = h("span", { class: "muted tl-zoom" });
  const detail = h("section", { class: "card", id: "call-detail", "aria-live": "polite" });
  const list = h("div", { class: "scroll" });
  const liveNote = h("span", { class: "muted", id: "session-live" });

  view.root.append(
    h("div", { class: "pagehead" }, title), facts, kpis,
    h("section", { class: "card" },
      h("header", null,
        h("h2", null, "Timeline"),
        h("div", { class: "tl-tools", role: "group", "aria-label": "Zoom" },
          h("button", { type: "button", id: "zoom-out", title: "Zoom out", on: { click: () => zoomBy(1 / 2) } }, "−"),
          h("button", { type: "button", id: "zoom-in", title: "Zoom in (or Ctrl + wheel)", on: { click: () => zoomBy(2) } }, "+"),
          h("button", { type: "button", id: "zoom-fit", title: "Fit the whole session", on: { click: () => fit() } }, "Fit"),
          zoomLabel, " ", liveNote)),
      legend(),
      scroller),
    detail,
    h("section", { class: "card" },
      h("header", null, h("h2", null, "Entries")),
      list));
  emptyDetail();

  // ---- state --------------------------------------------------------------------------------
  let model = build(entries);
  let zoom = 1; // times the fitting scale
  let selected = view.params.get("call") || null;
  let labelGroups = [];
  let detailAbort = null;

  scroller.addEventListener("scroll", () => {
    const x = scroller.scrollLeft;
    for (const g of labelGroups) g.setAttribute("transform", `translate(${x},0)`);
  }, { passive: true });
  scroller.addEventListener("wheel", (e) => {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    const rect = scroller.getBoundingClientRect();
    zoomBy(e.deltaY < 0 ? 1.25 : 0.8, e.clientX - rect.left);
  }, { passive: false });
  scroller.addEventListener("keydown", (e) => {
    const target = e.target;
    if (!(target instanceof Element)) return;
    const call = target.getAttribute("data-call-id");
    if (call !== null && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      openCall(call);
    } else if (call !== null && (e.key === "ArrowRight" || e.key === "ArrowLeft")) {
      e.preventDefault();
      const i = model.order.indexOf(call) + (e.key === "ArrowRight" ? 1 : -1);
      if (i >= 0 && i < model.order.length) focusCall(model.order[i]);
    } else if (target.hasAttribute("data-prompt-id") && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      zoomToPrompt(target.getAttribute("data-prompt-id"));
    } else if (e.key === "+" || e.key === "=") {
      zoomBy(2);
    } else if (e.key === "-") {
      zoomBy(1 / 2);
    }
  });
  scroller.addEventListener("click", (e) => {
    const target = e.target instanceof Element ? e.target.closest("[data-call-id],[data-prompt-id]") : null;
    if (!target) return;
    if (target.hasAttribute("data-call-id")) openCall(target.getAttribute("data-call-id"));
    else zoomToPrompt(target.getAttribute("data-prompt-id"));
  });

  // The shared #tooltip on hover and on keyboard focus (the <title> stays for assistive tech).
  const MARKS = "[data-call-id],[data-prompt-id],[data-request-id]";
  const onPointer = (e) => {
    const m = e.target instanceof Element ? e.target.closest(MARKS) : null;
    if (m) showTip(m, e);
    else hideTip();
  };
  scroller.addEventListener("mouseover", onPointer);
  scroller.addEventListener("mousemove", onPointer);
  scroller.addEventListener("mouseleave", hideTip);
  scroller.addEventListener("focusin", (e) => {
    if (e.target instanceof Element && e.target.matches(MARKS)) showTip(e.target, null);
  });
  scroller.addEventListener("focusout", hideTip);
  scroller.addEventListener("scroll", hideTip, { passive: true });
  signal.addEventListener("abort", hideTip, { once: true });

  drawAll();
  if (selected) openCall(selected, { scroll: false });

  // ---- live updates ---------------------------------------------------------------------------
  let inFlight = false;
  let again = false;
  async function refresh() {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    try {
      do {
        again = false;
        const next = await api.report("session/" + id, {}, { signal });
        if (signal.aborted) return;
        model = build(next);
        drawAll();
        liveNote.textContent = "· updated " + format.shortTime(new Date().toISOString());
      } while (again && !signal.aborted);
    } catch (e) {
      if (!(e && e.name === "AbortError")) liveNote.textContent = "update failed: " + format.visible(e.message);
    } finally {
      inFlight = false;
    }
  }

  if (view.live) {
    const offEvents = view.live.subscribe((events) => {
      let mine = false;
      let callChanged = false;
      for (const e of events) {
        if (!e || !TIMELINE_KINDS.has(e.kind) || !e.session_id) continue;
        if (e.session_id !== sessionId && !e.session_id.startsWith(id)) continue;
        mine = true;
        if (e.kind === "tool_call" && selected && e.tool_use_id === selected) callChanged = true;
      }
      if (mine) refresh();
      if (callChanged) openCall(selected, { scroll: false, quiet: true });
    }, { batch: true });
    const offReset = view.live.onReset(() => refresh());
    signal.addEventListener("abort", () => {
      offEvents();
      offReset();
      if (detailAbort) detailAbort.abort();
    }, { once: true });
  }

  // ---- drawing ------------------------------------------------------------------------------

  function drawAll() {
    drawHead();
    drawTimeline();
    drawList();
  }

  function drawHead() {
    clear(facts);
    const start = model.entries.find((e) => e.kind === "session" && e.name === "start");
    const project = info ? info.project : start ? start.detail : null;
    const first = model.entries.length ? model.entries[0].at : info && info.started_at;
    const last = model.t1 ? new Date(model.t1).toISOString() : info && info.last_seen;
    const pairs = [
      ["Project", project ? format.visible(project) : "—"],
      ["Agent", info ? format.visible(info.agent) : "—"],
      ["First seen", format.time(first)],
      ["Last seen", format.time(last)],
      ["Span", model.t1 ? format.duration(model.t1 - model.t0) : "—"],
      ["Models", info && info.models && info.models.length ? format.visible(info.models.join(", ")) : "—"],
    ];
    for (const [k, v] of pairs) facts.append(h("div", null, h("dt", null, k), h("dd", null, v)));
    facts.append(h("div", null, h("dt", null, "Entries"), h("dd", null, format.count(model.entries.length))));

    clear(kpis);
    kpis.append(
      kpi("tool_calls", "Tool calls", model.calls, format.count(model.calls)),
      kpi("errors", "Errors", model.errors, format.count(model.errors),
        model.denied || model.interrupted
          ? `${format.count(model.denied)} denied, ${format.count(model.interrupted)} interrupted` : null),
      kpi("prompts", "Prompts", model.prompts.length, format.count(model.prompts.length)),
      kpi("tokens", "Tokens", model.tokens, model.tokens !== null && model.tokens >= 1e6 ? format.compact(model.tokens) : format.count(model.tokens),
        model.tokens !== null && model.tokens >= 1e6 ? format.count(model.tokens) : null),
      kpi("cost", "Cost", model.cost === null ? null : Math.round(model.cost * 1e6) / 1e6, format.money(model.cost),
        info && info.unpriced_models && info.unpriced_models.length ? "some models unpriced" : null));
  }

  function kpi(name, label, value, text, note) {
    return h("div", { class: "kpi" },
      h("div", { class: "label" }, label),
      h("div", { class: "value", dataset: { kpi: name, value: value === null || value === undefined ? "" : String(value) } }, text),
      note ? h("div", { class: "sub" }, note) : null);
  }

  function fitScale() {
    const width = Math.max(300, (scroller.clientWidth || 1100) - LABEL_W - 24);
    return width / Math.max(1000, model.t1 - model.t0);
  }

  function maxZoom() {
    const span = Math.max(1000, model.t1 - model.t0);
    return Math.max(1, Math.min(2, MAX_WIDTH / span) / fitScale());
  }

  function scale() {
    zoom = Math.min(zoom, maxZoom());
    return fitScale() * zoom;
  }

  function drawTimeline() {
    const focusedCall = document.activeElement && document.activeElement.getAttribute
      ? document.activeElement.getAttribute("data-call-id") : null;
    const atEnd = scroller.scrollLeft > 0 && scroller.scrollLeft + scroller.clientWidth >= scroller.scrollWidth - 4;
    const keepLeft = scroller.scrollLeft;
    clear(scroller);
    labelGroups = [];
    if (model.entries.length === 0) {
      scroller.append(h("p", { class: "empty" }, "Nothing recorded for this session yet."));
      return;
    }
    const px = scale();
    const x = (t) => LABEL_W + (t - model.t0) * px;
    const plotW = Math.ceil((model.t1 - model.t0) * px) + 24;
    const width = LABEL_W + plotW;

    // Lanes, stacked under the axis and the turn band; the corner above the labels hides the axis.
    let y = AXIS_H + TURN_H + 4;
    labelGroups.push(s("g", { class: "tl-label", "aria-hidden": "true" },
      s("rect", { class: "tl-label-bg", x: 0, y: 0, width: LABEL_W - 6, height: y }),
      s("text", { class: "tl-label-sub", x: 8, y: AXIS_H - 10 }, "local time"),
      s("text", { class: "tl-label-sub", x: 8, y: AXIS_H + TURN_H - 4 }, "prompts, turns")));
    const laneNodes = [];
    for (const lane of model.lanes) {
      const height = Math.max(lane.sub ? 52 : 38, LANE_PAD * 2 + TICK_H + 3 + lane.rows * (ROW_H + ROW_GAP));
      laneNodes.push(drawLane(lane, y, height, x, px, width));
      y += height;
    }
    const height = y + 4;

    const svg = s("svg", {
      "data-timeline": "", width, height, viewBox: `0 0 ${width} ${height}`, role: "group",
      "aria-label": `Timeline of ${model.calls} tool calls in ${model.lanes.length} thread${model.lanes.length === 1 ? "" : "s"}`,
      class: "timeline",
    });
    svg.append(drawAxis(x, px, height), drawTurns(x, px, height), ...laneNodes);
    // Labels on top of everything, kept at the left edge while scrolling.
    for (const g of labelGroups) svg.append(g);
    scroller.append(svg);
    zoomLabel.textContent = zoom === 1 ? "whole session" : `${formatZoom(zoom)} ×`;

    if (atEnd) scroller.scrollLeft = scroller.scrollWidth;
    else scroller.scrollLeft = keepLeft;
    for (const g of labelGroups) g.setAttribute("transform", `translate(${scroller.scrollLeft},0)`);
    markSelected();
    if (focusedCall) focusCall(focusedCall, true);
  }

  function drawAxis(x, px, height) {
    const g = s("g", { class: "tl-axis", "aria-hidden": "true" });
    const step = STEPS.find((st) => st * px >= 90) || STEPS[STEPS.length - 1];
    const offset = new Date(model.t0).getTimezoneOffset() * 60000;
    // Ticks on round local times.
    let t = Math.ceil((model.t0 - offset) / step) * step + offset;
    if (step >= 864e5) t = localMidnightAfter(model.t0);
    let lastDay = "";
    for (; t <= model.t1 + step; t += step) {
      const xt = x(t);
      g.append(s("line", { class: "tl-grid", x1: xt, x2: xt, y1: AXIS_H - 6, y2: height }));
      const d = new Date(t);
      const day = d.toDateString();
      let label = step < 1000 ? `${hms(d)}.${String(d.getMilliseconds()).padStart(3, "0")}` : step < 6e4 ? hms(d) : hm(d);
      if (day !== lastDay) {
        label = `${d.getMonth() + 1}/${d.getDate()} ${label}`;
        lastDay = day;
      }
      g.append(s("text", { class: "tl-tick", x: xt + 3, y: AXIS_H - 10 }, label));
    }
    g.append(s("line", { class: "tl-axis-line", x1: LABEL_W, x2: x(model.t1) + 24, y1: AXIS_H - 6, y2: AXIS_H - 6 }));
    return g;
  }

  function drawTurns(x, px, height) {
    const g = s("g", { class: "tl-turns" });
    const y = AXIS_H;
    for (const p of model.prompts) {
      const x0 = x(p.start);
      const w = Math.max(MIN_W, (p.duration || 0) * px);
      g.append(s("rect", { class: "tl-turn", x: x0, y: y + 3, width: w, height: TURN_H - 8, rx: 2 },
        s("title", null, `Turn — ${format.duration(p.duration)}`)));
      const text = p.detail ? format.excerpt(format.visible(p.detail), 300) : "(no text)";
      g.append(s("path", {
        class: "tl-prompt", d: `M${x0 - 5},${y} L${x0 + 5},${y} L${x0},${y + TURN_H - 2} Z`,
        "data-prompt-id": p.id || "", tabindex: "0", role: "button",
        "aria-label": `Prompt at ${format.time(p.at)}: ${text} (Enter zooms to its turn)`,
      }, s("title", null, `Prompt ${format.time(p.at)} — ${text}\n(click to zoom to this turn)`)));
      g.append(s("line", { class: "tl-guide", x1: x0, x2: x0, y1: y + TURN_H, y2: height }));
    }
    return g;
  }

  function drawLane(lane, y, height, x, px, width) {
    const g = s("g", { "data-lane": lane.id, class: "tl-lane", transform: `translate(0,${y})` });
    g.append(s("rect", { class: "tl-lane-bg", x: 0, y: 0, width, height }));
    if (lane.start !== null && lane.id !== "main") {
      const x0 = x(lane.start);
      g.append(s("rect", {
        class: "tl-span", x: x0, y: 1, height: height - 2,
        width: Math.max(MIN_W, (lane.end - lane.start) * px),
      }));
    }
    for (const r of lane.requests) {
      const xr = x(r.start);
      g.append(s("rect", {
        class: "tl-request", x: xr - 1, y: LANE_PAD, width: 2, height: TICK_H, "data-request-id": r.id || "",
      }, s("title", null, `Model request ${format.time(r.at)} — ${format.visible(r.name || "")} — ` +
        `${format.count(r.tokens)} tokens — ${format.money(r.cost_usd)}` +
        (r.detail ? ` (${format.visible(r.detail)})` : ""))));
    }
    const top = LANE_PAD + TICK_H + 3;
    for (const c of lane.calls) {
      const status = c.status || "pending";
      const xc = x(c.start);
      const w = c.duration === null ? Math.max(6, (model.t1 - c.start) * px) : Math.max(MIN_W, c.duration * px);
      const label = `${format.visible(c.name || "?")} — ${c.duration === null ? "running" : format.duration(c.duration)} — ${status}`;
      g.append(s("rect", {
        class: `tl-call status-${status}`, x: xc, y: top + c.row * (ROW_H + ROW_GAP), width: w, height: ROW_H,
        rx: 1, tabindex: "0", role: "button", "data-call-id": c.id || "", "data-status": status,
        "aria-label": label + (c.detail ? ": " + format.excerpt(format.visible(c.detail), 200) : ""),
      }, s("title", null, label + (c.detail ? "\n" + format.excerpt(format.visible(c.detail), 300) : ""))));
    }
    // The label, moved with the scroll position (see the scroll listener).
    const label = s("g", { class: "tl-label", transform: "translate(0,0)" },
      s("rect", { class: "tl-label-bg", x: 0, y: y, width: LABEL_W - 6, height }),
      s("text", { class: "tl-label-name", x: 8, y: y + 16 }, format.excerpt(format.visible(lane.label), 24),
        s("title", null, format.visible(lane.title))),
      lane.sub ? s("text", { class: "tl-label-sub", x: 8, y: y + 30 }, format.excerpt(format.visible(lane.sub), 28)) : null,
      s("text", { class: "tl-label-sub", x: 8, y: y + (lane.sub ? 44 : 30) },
        `${format.count(lane.calls.length)} call${lane.calls.length === 1 ? "" : "s"}`));
    labelGroups.push(label);
    return g;
  }

  function drawList() {
    clear(list);
    const shown = model.entries.slice(0, LIST_MAX);
    const body = h("tbody");
    shown.forEach((e, i) => {
      const isCall = e.kind === "tool_call" && e.id;
      body.append(h("tr", {
        dataset: { key: e.id ? e.kind + ":" + e.id : String(i), kind: e.kind, thread: e.thread || "" },
        class: "entry-" + e.kind + (isCall && e.id === selected ? " selected" : ""),
      },
        cell("at", e.at, format.time(e.at), "time"),
        cell("thread", e.thread, e.thread === "main" ? "main" : format.excerpt(format.visible(model.laneNames.get(e.thread) || e.thread || ""), 24)),
        cell("kind", e.kind, e.kind.replace("_", " ")),
        h("td", { dataset: { col: "name", value: e.name || "" } }, isCall
          ? h("button", { type: "button", class: "linkish", dataset: { openCall: e.id }, on: { click: () => openCall(e.id) } },
            format.excerpt(format.visible(e.name || "?"), 60))
          : format.excerpt(format.visible(e.kind === "prompt" || e.kind === "stop" ? "" : e.name || ""), 60)),
        cell("detail", e.detail, format.excerpt(format.visible(e.detail || ""), 240), "text detail"),
        h("td", { dataset: { col: "status", value: e.status || "" } },
          e.status ? h("span", { class: "status status-" + e.status }, e.status)
            : e.kind === "tool_call" ? h("span", { class: "status status-pending" }, "pending") : ""),
        cell("duration_ms", e.duration_ms, e.duration_ms === null ? "" : format.duration(e.duration_ms), "num"),
        cell("tokens", e.tokens, e.tokens === null ? "" : format.count(e.tokens), "num"),
        cell("cost_usd", e.cost_usd, e.cost_usd === null ? "" : format.money(e.cost_usd), "num")));
    });
    list.append(h("table", { "data-table": "timeline", class: "entries" },
      h("thead", null, h("tr", null,
        ["Time", "Thread", "Kind", "Name", "Detail", "Status", "Duration", "Tokens", "Cost"].map((t, i) =>
          h("th", { scope: "col", class: i >= 6 ? "num" : null }, t)))),
      body));
    if (model.entries.length > LIST_MAX) {
      list.append(h("p", { class: "muted" },
        `Showing the first ${format.count(LIST_MAX)} of ${format.count(model.entries.length)} entries.`));
    }
  }

  function cell(col, raw, text, cls) {
    return h("td", { class: cls || null, dataset: { col, value: raw === null || raw === undefined ? "" : String(raw) } }, text);
  }

  // ---- zoom ------------------------------------------------------------------------------------

  function zoomBy(factor, anchorX) {
    const before = scale();
    const ax = anchorX === undefined ? scroller.clientWidth / 2 : anchorX;
    const t = (scroller.scrollLeft + ax - LABEL_W) / before;
    zoom = Math.max(1, Math.min(maxZoom(), zoom * factor));
    drawTimeline();
    scroller.scrollLeft = Math.max(0, t * scale() + LABEL_W - ax);
    for (const g of labelGroups) g.setAttribute("transform", `translate(${scroller.scrollLeft},0)`);
  }

  /** Zooms so that the turn of a prompt fills most of the view, and scrolls to it. */
  function zoomToPrompt(promptId) {
    const p = model.prompts.find((e) => (e.id || "") === promptId);
    if (!p) return;
    const span = Math.max(10000, p.duration || 0);
    const view = Math.max(300, scroller.clientWidth - LABEL_W);
    zoom = Math.max(1, Math.min(maxZoom(), (view * 0.9) / span / fitScale()));
    drawTimeline();
    scroller.scrollLeft = Math.max(0, (p.start - model.t0) * scale() - view * 0.05);
    for (const g of labelGroups) g.setAttribute("transform", `translate(${scroller.scrollLeft},0)`);
    const marker = scroller.querySelector(`[data-prompt-id="${cssEscape(promptId)}"]`);
    if (marker) marker.focus({ preventScroll: true });
  }

  function fit() {
    zoom = 1;
    drawTimeline();
    scroller.scrollLeft = 0;
  }

  // ---- the selected call -----------------------------------------------------------------------

  function focusCall(callId, quiet) {
    const el = scroller.querySelector(`[data-call-id="${cssEscape(callId)}"]`);
    if (!el) return;
    el.focus({ preventScroll: Boolean(quiet) });
  }

  function markSelected() {
    for (const el of view.root.querySelectorAll(".selected")) el.classList.remove("selected");
    if (!selected) return;
    const rect = scroller.querySelector(`[data-call-id="${cssEscape(selected)}"]`);
    if (rect) rect.classList.add("selected");
    const row = list.querySelector(`tr[data-key="${cssEscape("tool_call:" + selected)}"]`);
    if (row) row.classList.add("selected");
  }

  function emptyDetail() {
    clear(detail);
    detail.append(h("header", null, h("h2", null, "Tool call")),
      h("p", { class: "empty" }, "Select a tool call on the timeline or in the list (click, or Enter) to see its input and output."));
  }

  async function openCall(callId, options) {
    const opts = options || {};
    if (!callId) return;
    selected = callId;
    view.setParam("call", callId);
    markSelected();
    if (detailAbort) detailAbort.abort();
    const controller = new AbortController();
    detailAbort = controller;
    const abortWith = () => controller.abort();
    signal.addEventListener("abort", abortWith, { once: true });
    if (!opts.quiet) {
      clear(detail);
      detail.append(h("header", null, h("h2", null, "Tool call")), h("p", { class: "muted" }, "Loading…"));
    }
    let call;
    try {
      call = await api.toolCall(callId, { signal: controller.signal });
    } catch (e) {
      if (e && e.name === "AbortError") return;
      clear(detail);
      detail.append(h("header", null, h("h2", null, "Tool call")),
        h("p", { class: "error-text" }, format.visible(e && e.message ? e.message : String(e))));
      return;
    } finally {
      signal.removeEventListener("abort", abortWith);
    }
    if (controller !== detailAbort) return;
    fillDetail(call);
    if (opts.scroll !== false && !opts.quiet) detail.scrollIntoView({ block: "nearest" });
  }

  function fillDetail(c) {
    clear(detail);
    const status = c.status || "pending";
    detail.dataset.callId = c.id || "";
    detail.append(
      h("header", null,
        h("h2", null, "Tool call ", h("span", { class: "tool" }, format.visible(c.tool || "?")), " ",
          h("span", { class: "status status-" + status, dataset: { field: "status" } }, status)),
        h("button", { type: "button", class: "close", title: "Close", on: { click: closeDetail } }, "×")),
      h("dl", { class: "facts" },
        fact("Tool use id", c.id),
        c.mcp_server ? fact("MCP server", c.mcp_server) : null,
        fact("Summary", c.summary),
        fact("Started", c.started_at ? format.time(c.started_at) : null, c.started_at),
        fact("Ended", c.ended_at ? format.time(c.ended_at) : null, c.ended_at),
        fact("Duration", c.duration_ms === null || c.duration_ms === undefined ? null : format.duration(c.duration_ms), c.duration_ms),
        fact("Output", c.output_bytes === null || c.output_bytes === undefined ? null : format.count(c.output_bytes) + " bytes", c.output_bytes),
        fact("Thread", c.thread_id),
        fact("Prompt", promptText(c.prompt_id), c.prompt_id),
        fact("Message", c.message_id),
        fact("Sources", Array.isArray(c.sources) ? c.sources.join(", ") : c.sources)),
      block("Input", "input", prettyJson(c.input)),
      block("Output excerpt", "output_excerpt", c.output_excerpt),
      block("Error", "error", c.error));
  }

  function promptText(promptId) {
    if (!promptId) return null;
    const p = model.prompts.find((e) => e.id === promptId);
    return p && p.detail ? `${format.excerpt(p.detail, 200)} (${promptId})` : promptId;
  }

  function closeDetail() {
    selected = null;
    view.setParam("call", null);
    markSelected();
    emptyDetail();
  }
}

// ---- the model of the timeline -----------------------------------------------------------------

function build(entries) {
  const list = Array.isArray(entries) ? entries : [];
  const lanes = new Map();
  const laneNames = new Map();
  const lane = (id) => {
    let l = lanes.get(id);
    if (!l) {
      l = { id, label: id === "main" ? "main" : id, title: id, sub: null, calls: [], requests: [], rows: 1, start: null, end: null };
      lanes.set(id, l);
    }
    return l;
  };
  lane("main");
  let t0 = Infinity;
  let t1 = -Infinity;
  const prompts = [];
  const order = [];
  let calls = 0, errors = 0, denied = 0, interrupted = 0, tokens = 0, cost = 0;
  let anyTokens = false, anyCost = false;
  for (const e of list) {
    const start = Date.parse(e.at);
    if (!isFinite(start)) continue;
    const duration = typeof e.duration_ms === "number" ? e.duration_ms : null;
    const end = start + (duration || 0);
    t0 = Math.min(t0, start);
    t1 = Math.max(t1, end);
    const thread = e.thread || "main";
    const l = lane(thread);
    l.start = l.start === null ? start : Math.min(l.start, start);
    l.end = l.end === null ? end : Math.max(l.end, end);
    const item = Object.assign({ start, duration }, e);
    switch (e.kind) {
      case "tool_call":
        l.calls.push(item);
        calls++;
        if (e.status === "error") errors++;
        else if (e.status === "denied") denied++;
        else if (e.status === "interrupted") interrupted++;
        break;
      case "model_request":
        l.requests.push(item);
        if (typeof e.tokens === "number") {
          tokens += e.tokens;
          anyTokens = true;
        }
        if (typeof e.cost_usd === "number") {
          cost += e.cost_usd;
          anyCost = true;
        }
        break;
      case "prompt":
        prompts.push(item);
        break;
      case "subagent":
        l.label = e.name || thread;
        l.sub = e.detail || null;
        l.title = `${e.name || "subagent"} ${thread}${e.detail ? " — " + e.detail : ""}`;
        laneNames.set(thread, e.name || thread);
        break;
      default:
        break;
    }
  }
  if (!isFinite(t0)) {
    t0 = Date.now();
    t1 = t0;
  }
  if (t1 - t0 < 1000) t1 = t0 + 1000;
  for (const l of lanes.values()) {
    // Pack overlapping calls into rows (parallel calls side by side), at most MAX_ROWS.
    const ends = [];
    const sorted = l.calls.slice().sort((a, b) => a.start - b.start);
    for (const c of sorted) {
      const end = c.duration === null ? t1 : c.start + Math.max(c.duration, 1);
      let row = ends.findIndex((e) => e <= c.start);
      if (row < 0) {
        row = ends.length < MAX_ROWS ? ends.length : ends.indexOf(Math.min(...ends));
      }
      ends[row] = end;
      c.row = row;
    }
    l.rows = Math.max(1, ends.length);
    l.calls = sorted;
    for (const c of sorted) if (c.id) order.push(c);
  }
  order.sort((a, b) => a.start - b.start);
  const main = lanes.get("main");
  const others = [...lanes.values()].filter((l) => l !== main && (l.calls.length || l.requests.length || l.sub || l.label !== l.id));
  return {
    entries: list, lanes: [main, ...others], laneNames, prompts, order: order.map((c) => c.id), t0, t1,
    calls, errors, denied, interrupted,
    tokens: anyTokens ? tokens : null, cost: anyCost ? cost : null,
  };
}

// ---- helpers -------------------------------------------------------------------------------------

function showTip(mark, event) {
  const tip = document.getElementById("tooltip");
  const title = mark.querySelector("title");
  if (!tip || !title) return;
  tip.textContent = title.textContent;
  tip.hidden = false;
  const r = mark.getBoundingClientRect();
  const mouse = event && event.type && event.type.startsWith("mouse");
  let x = mouse ? event.clientX + 12 : r.left + Math.min(r.width, 40) / 2 + 8;
  let y = mouse ? event.clientY + 14 : r.bottom + 8;
  if (x + tip.offsetWidth > window.innerWidth - 4) x = Math.max(4, x - tip.offsetWidth - 24);
  if (y + tip.offsetHeight > window.innerHeight - 4) y = Math.max(4, r.top - tip.offsetHeight - 8);
  tip.style.left = `${Math.round(x)}px`;
  tip.style.top = `${Math.round(y)}px`;
}

function hideTip() {
  const tip = document.getElementById("tooltip");
  if (tip) tip.hidden = true;
}

function fact(label, value, raw) {
  if (value === null || value === undefined || value === "") return null;
  return [h("dt", null, label),
    h("dd", { dataset: { value: raw === undefined || raw === null ? String(value) : String(raw) } }, format.visible(String(value)))];
}

/** A titled <pre data-field=NAME> holding untrusted text: visible, inert, capped with "show all". */
function block(label, field, raw) {
  const pre = h("pre", { dataset: { field }, class: "untrusted" });
  const parts = [h("h3", null, label), pre];
  if (raw === null || raw === undefined || raw === "") {
    pre.dataset.empty = "";
    pre.classList.add("none");
    return h("div", { class: "detail-block" }, parts);
  }
  const text = format.visible(String(raw));
  if (text.length <= SHOW_MAX) {
    pre.textContent = text;
  } else {
    pre.textContent = text.slice(0, SHOW_MAX);
    const more = h("button", {
      type: "button", class: "show-all", dataset: { showAll: field },
      on: {
        click: () => {
          pre.textContent = text;
          more.remove();
          note.remove();
        },
      },
    }, `Show all (${format.count(text.length)} characters)`);
    const note = h("p", { class: "muted" }, `Showing the first ${format.count(SHOW_MAX)} of ${format.count(text.length)} characters.`);
    parts.push(note, more);
  }
  return h("div", { class: "detail-block" }, parts);
}

function prettyJson(text) {
  if (text === null || text === undefined) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    return text;
  }
}

function cssEscape(value) {
  return typeof CSS !== "undefined" && CSS.escape ? CSS.escape(value) : String(value).replace(/["\\]/g, "\\$&");
}

function formatZoom(z) {
  return z >= 10 ? String(Math.round(z)) : String(Math.round(z * 10) / 10);
}

const pad = (n) => String(n).padStart(2, "0");
const hm = (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
const hms = (d) => `${hm(d)}:${pad(d.getSeconds())}`;

function localMidnightAfter(t) {
  const d = new Date(t);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}

function legend() {
  const items = [["ok", "ok"], ["error", "error"], ["denied", "denied"], ["interrupted", "interrupted"], ["pending", "running"]];
  return h("p", { class: "tl-legend" },
    items.map(([status, label]) => h("span", { class: "legend-item" }, h("span", { class: "swatch status-" + status }), label)),
    h("span", { class: "legend-item" }, h("span", { class: "swatch swatch-prompt" }), "prompt / turn"),
    h("span", { class: "legend-item" }, h("span", { class: "swatch swatch-request" }), "model request"));
}
