// Overview: the KPIs of the range against the previous one, calls and cost over time, the top
// tools and the most frequent error signatures.

import { h, clear, card, pageHead, loading, liveRefresh } from "../dom.js";
import { report } from "../api.js";
import { count, money, percent, duration, compact, delta, rangeText, visible, excerpt, time } from "../format.js";
import { stackedBars, days } from "../chart.js";
import { table } from "../table.js";

const KPIS = [
  ["sessions", "Sessions", count, 1],
  ["prompts", "Prompts", count, 1],
  ["tool_calls", "Tool calls", count, 1],
  ["success_rate", "Success rate", percent, 1],
  ["tool_errors", "Tool errors", count, -1],
  ["recovery_rate", "Recovery rate", percent, 1],
  ["active_ms", "Active time", duration, 0],
  ["total_tokens", "Tokens", compact, 0],
  ["cost_usd", "Cost", money, 0],
];

const pad = (n) => String(n).padStart(2, "0");
const localDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The days a daily chart spans: the range, or (for all time) the first row to today. */
export function spanDays(filters, rows, key = "date") {
  const first = rows.length ? rows[0][key] : null;
  const last = rows.length ? rows[rows.length - 1][key] : null;
  let from = filters.since ? (filters.since.length === 10 ? filters.since : localDate(new Date(filters.since))) : first;
  let to = filters.until ? (filters.until.length === 10 ? filters.until : localDate(new Date(Date.parse(filters.until) - 1))) : localDate(new Date());
  if (!from) return [];
  if (last && last > to) to = last;
  if (first && first < from) from = first;
  return days(from, to);
}

function kpis(cur, prev) {
  return h(
    "div",
    { class: "kpis" },
    KPIS.map(([name, label, fmt, better]) => {
      const v = cur[name];
      const d = prev ? delta(v, prev[name]) : "—";
      let good = null;
      if (prev && d !== "—" && better !== 0 && !d.startsWith("±")) good = String((d.startsWith("+") ? 1 : -1) * better > 0);
      const title = name === "total_tokens" ? `${count(v)} tokens` : name === "active_ms" ? `${count(v)} ms` : null;
      let sub = null;
      if (name === "cost_usd" && cur.unpriced_models && cur.unpriced_models.length) {
        sub = h("div", { class: "sub", title: visible(cur.unpriced_models.join(", ")) }, `unpriced: ${excerpt(visible(cur.unpriced_models.join(", ")), 28)}`);
      }
      if (name === "tool_errors") sub = h("div", { class: "sub" }, `${count(cur.tool_denied)} denied · ${count(cur.tool_interrupted)} interrupted`);
      if (name === "recovery_rate") sub = h("div", { class: "sub" }, `${count(cur.episodes)} episodes`);
      return h(
        "div",
        { class: "kpi" },
        h("div", { class: "label" }, label),
        h("div", { class: "value", dataset: { kpi: name, value: v === null || v === undefined ? "" : String(v) }, title }, fmt(v)),
        h("div", { class: "delta", title: prev ? `previous period: ${fmt(prev[name])}` : "no previous period for this range" }, h("span", { dataset: { kpiDelta: name, good } }, d), d === "—" ? null : " vs previous"),
        sub,
      );
    }),
  );
}

function callsChart(view, daily) {
  const xs = spanDays(view.filters, daily);
  const by = new Map(daily.map((r) => [r.date, r]));
  return stackedBars(
    "calls-over-time",
    xs,
    [
      { name: "tool calls", cls: "k1", values: xs.map((x) => (by.has(x) ? by.get(x).tool_calls : 0)) },
      { name: "errors", cls: "k-error", values: xs.map((x) => (by.has(x) ? by.get(x).tool_errors : 0)) },
    ],
    { overlay: true, label: "Tool calls and errors per day", tipFormat: count, empty: `No tool calls ${rangeText(view.filters)}.` },
  );
}

function costChart(view, daily, split) {
  // split: the daily report with breakdown=true, one row per day and model
  const totals = new Map();
  const unpriced = new Set();
  for (const r of split) {
    if (r.cost_usd === null) unpriced.add(r.model);
    else totals.set(r.model, (totals.get(r.model) || 0) + r.cost_usd);
  }
  const priced = [...totals].filter(([, cost]) => cost > 0).sort((a, b) => b[1] - a[1]);
  const shown = priced.slice(0, 6).map(([model]) => model);
  const xs = spanDays(view.filters, daily);
  const series = shown.map((model, i) => {
    const by = new Map(split.filter((r) => r.model === model).map((r) => [r.date, r.cost_usd]));
    return { name: model, cls: `k${i + 1}`, values: xs.map((x) => by.get(x) ?? 0) };
  });
  if (priced.length > shown.length) {
    const other = new Map();
    for (const r of split) {
      if (r.cost_usd !== null && !shown.includes(r.model)) other.set(r.date, (other.get(r.date) || 0) + r.cost_usd);
    }
    series.push({ name: "other", cls: "k8", values: xs.map((x) => Number((other.get(x) || 0).toFixed(6))) });
  }
  const fig = stackedBars("cost-by-model", xs, series, {
    label: "Cost per day by model",
    yFormat: (v) => "$" + compact(v),
    tipFormat: money,
    empty: `No priced model requests ${rangeText(view.filters)}.`,
  });
  return [fig, unpriced.size ? h("p", { class: "note" }, `Not priced (no source knows a price): ${visible([...unpriced].join(", "))}.`) : null];
}

function topTools(view, tools) {
  const rows = tools.slice(0, 10);
  return table(
    "top-tools",
    [
      { key: "tool", label: "Tool", format: (v) => excerpt(visible(v), 40), href: () => view.link("/tools") },
      { key: "calls", label: "Calls", num: true },
      { key: "errors", label: "Errors", num: true },
      { key: "success_rate", label: "Success", num: true, format: percent },
      { key: "p95_ms", label: "p95", num: true, format: duration },
    ],
    rows,
    { key: "tool", empty: `No tool calls ${rangeText(view.filters)}.` },
  );
}

function topErrors(view, errors) {
  return table(
    "top-errors",
    [
      { key: "signature", label: "Signature", class: "text mono", format: (v) => excerpt(visible(v), 90), href: () => view.link("/errors") },
      { key: "tool", label: "Tool", format: (v) => excerpt(visible(v), 24) },
      { key: "count", label: "Count", num: true },
      { key: "last_seen", label: "Last seen", num: true, format: (v) => time(v).slice(0, 10), title: (r) => time(r.last_seen) },
    ],
    errors,
    { key: (r) => `${r.tool}/${r.category}/${r.signature}`, empty: `No failed tool calls ${rangeText(view.filters)}.` },
  );
}

function fill(slot, promise, build) {
  return promise.then(
    async (data) => {
      const content = await build(data);
      clear(slot).append(...[content].flat().filter(Boolean));
    },
    (err) => {
      if (err && err.name === "AbortError") throw err;
      clear(slot).append(h("p", { class: "empty bad" }, `Could not load: ${err.message}`));
      throw err;
    },
  );
}

export async function render(view) {
  const draw = async (first) => {
    const f = view.filters;
    const o = { signal: view.signal };
    const overview = report("overview", f, o);
    const previous = view.previous ? report("overview", view.previous, o) : Promise.resolve(null);
    const daily = report("daily", f, o);
    const split = report("daily", Object.assign({}, f, { breakdown: "true" }), o);
    const tools = report("tools", f, o);
    const errors = report("errors", Object.assign({}, f, { limit: 10 }), o);

    const slots = { kpi: h("div", null, loading()), calls: h("div", null, loading()), cost: h("div", null, loading()), tools: h("div", null, loading()), errors: h("div", null, loading()) };
    const page = h(
      "div",
      null,
      pageHead("Overview", `Activity ${rangeText(f)}${view.previous ? ", compared with the period before" : ""}.`),
      slots.kpi,
      h("div", { class: "grid" }, card("Tool calls per day", null, slots.calls), card("Cost per day by model", { href: view.link("/cost"), text: "Cost →" }, slots.cost)),
      h("div", { class: "grid" }, card("Top tools", { href: view.link("/tools"), text: "All tools →" }, slots.tools), card("Top error signatures", { href: view.link("/errors"), text: "All errors →" }, slots.errors)),
    );
    if (first) clear(view.root).append(page);
    const settled = await Promise.allSettled([
      fill(slots.kpi, Promise.all([overview, previous]), ([cur, prev]) => kpis(cur, prev)),
      fill(slots.calls, daily, (d) => callsChart(view, d)),
      fill(slots.cost, Promise.all([daily, split]), ([d, m]) => costChart(view, d, m)),
      fill(slots.tools, tools, (t) => topTools(view, t)),
      fill(slots.errors, errors, (e) => topErrors(view, e)),
    ]);
    if (view.signal.aborted) return;
    if (!first) clear(view.root).append(page);
    const failed = settled.find((r) => r.status === "rejected");
    if (failed) {
      if (first) throw failed.reason;
      view.showError(failed.reason);
    }
  };
  await draw(true);
  liveRefresh(view, () => draw(false).catch(() => {}));
}
