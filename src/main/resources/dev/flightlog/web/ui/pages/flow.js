// Flow: where the time of each turn went (tool, model, waiting for the user, other), calls per
// active minute, the longest streak of successful calls and the idle gap before the turn.

import { h, card, pageHead } from "../dom.js";
import { report } from "../api.js";
import { count, duration, time, visible, excerpt, rangeText, percent } from "../format.js";
import { hbarChart } from "../chart.js";
import { table } from "../table.js";

const PARTS = [
  ["tool_ms", "tools", "k-tool"],
  ["model_ms", "model", "k-model"],
  ["waiting_ms", "waiting for the user", "k-waiting"],
  ["other_ms", "other", "k-other"],
];

const sum = (rows, k) => rows.reduce((a, r) => a + (Number(r[k]) || 0), 0);

export async function render(view) {
  const all = view.params.get("t_all") === "1";
  const rows = await report("flow", Object.assign({}, view.filters, all ? { limit: 0 } : {}), { signal: view.signal });
  const wall = sum(rows, "wall_ms");
  const totals = Object.fromEntries(["wall_ms", ...PARTS.map((p) => p[0]), "calls"].map((k) => [k, sum(rows, k)]));
  const kpis = h(
    "div",
    { class: "kpis" },
    [["wall_ms", "Wall time"], ...PARTS.map(([k, l]) => [k, l[0].toUpperCase() + l.slice(1)]), ["calls", "Tool calls"]].map(([k, label]) =>
      h(
        "div",
        { class: "kpi" },
        h("div", { class: "label" }, label),
        h("div", { class: "value", dataset: { total: k, value: String(totals[k]) }, title: `${count(totals[k])}${k === "calls" ? "" : " ms"}` }, k === "calls" ? count(totals[k]) : duration(totals[k])),
        k !== "wall_ms" && k !== "calls" ? h("div", { class: "sub" }, wall > 0 ? `${percent(totals[k] / wall)} of wall time` : "—") : null,
      ),
    ),
  );
  const chart = hbarChart(
    "flow-totals",
    [{ label: `${count(rows.length)} turns`, values: PARTS.map(([k]) => totals[k]) }],
    PARTS.map(([, name, cls]) => ({ name, cls })),
    { width: 1160, labelWidth: 90, rowHeight: 34, format: duration, label: "Where the turns' time went", empty: `No finished turns ${rangeText(view.filters)}.` },
  );
  const perTurn = hbarChart(
    "flow-turns",
    rows.slice(0, 30).map((r) => ({ label: time(r.started_at).slice(5, 16), values: PARTS.map(([k]) => r[k]), href: view.link("/session/" + encodeURIComponent(r.session_id)) })),
    PARTS.map(([, name, cls]) => ({ name, cls })),
    { width: 1160, labelWidth: 110, format: duration, label: "Time per turn", navigate: view.navigate, legend: false, empty: `No finished turns ${rangeText(view.filters)}.` },
  );
  const t = table(
    "flow",
    [
      { key: "started_at", label: "Started", format: time, href: (r) => view.link("/session/" + encodeURIComponent(r.session_id)) },
      { key: "session_id", label: "Session", class: "mono", format: (v) => excerpt(visible(v), 8), title: (r) => visible(r.session_id), href: (r) => view.link("/session/" + encodeURIComponent(r.session_id)) },
      { key: "wall_ms", label: "Wall", num: true, format: duration },
      { key: "tool_ms", label: "Tools", num: true, format: duration },
      { key: "model_ms", label: "Model", num: true, format: duration },
      { key: "waiting_ms", label: "Waiting", num: true, format: duration },
      { key: "other_ms", label: "Other", num: true, format: duration },
      { key: "calls", label: "Calls", num: true },
      { key: "calls_per_minute", label: "Calls/min", num: true, format: (v) => (v === null ? "—" : Number(v).toFixed(1)) },
      { key: "longest_streak", label: "Longest ok streak", num: true },
      { key: "idle_before_ms", label: "Idle before", num: true, format: duration },
    ],
    rows,
    { key: (r) => r.prompt_id || `${r.session_id}/${r.started_at}`, empty: `No finished turns ${rangeText(view.filters)}.` },
  );
  view.root.append(
    pageHead("Flow", `Per turn, from the prompt to Stop, latest first, ${rangeText(view.filters)}.`),
    kpis,
    card(`Where the time went (${all ? "all" : "the " + count(rows.length) + " latest"} turns)`, null, chart, perTurn.dataset.empty ? null : h("h2", { class: "muted" }, "The 30 latest turns"), perTurn),
    card(
      "Turns",
      null,
      h("div", { class: "scroll" }, t),
      !all && rows.length >= 50 ? h("p", { class: "table-more" }, "The 50 latest turns. ", h("a", { href: view.link("/flow", { t_all: 1 }) }, "Show all")) : null,
    ),
  );
}
