// Cost: per day, per model (with where each cost came from and the cost-state cross-check), per
// project and per 5-hour block.

import { h, card, pageHead } from "../dom.js";
import { report } from "../api.js";
import { count, money, compact, time, visible, excerpt, rangeText, percent } from "../format.js";
import { stackedBars } from "../chart.js";
import { table } from "../table.js";
import { spanDays } from "./overview.js";

const TOKENS = [
  { key: "input_tokens", label: "Input", num: true },
  { key: "output_tokens", label: "Output", num: true },
  { key: "cache_read_tokens", label: "Cache read", num: true },
  { key: "cache_creation_tokens", label: "Cache write", num: true },
  { key: "total_tokens", label: "Total tokens", num: true },
];
const list = (v) => (v && v.length ? excerpt(visible(v.join(", ")), 80) : "—");
const costCol = { key: "cost_usd", label: "Cost", num: true, format: (v, r) => (v === null && r.unpriced_models && r.unpriced_models.length ? "unpriced" : money(v)) };

export async function render(view) {
  const o = { signal: view.signal };
  const f = view.filters;
  const [daily, models, projects, blocks] = await Promise.all([report("daily", f, o), report("models", f, o), report("projects", f, o), report("blocks", f, o)]);
  const xs = spanDays(f, daily);
  const by = new Map(daily.map((r) => [r.date, r]));
  const chart = stackedBars("cost-per-day", xs, [{ name: "cost", cls: "k1", values: xs.map((x) => (by.has(x) ? by.get(x).cost_usd : 0)) }], {
    width: 1160,
    height: 220,
    legend: false,
    yFormat: (v) => "$" + compact(v),
    tipFormat: money,
    label: "Cost per day",
    empty: `No priced model requests ${rangeText(f)}.`,
  });
  const total = models.reduce((a, m) => a + (Number(m.cost_usd) || 0), 0);
  const unpriced = models.filter((m) => m.cost_usd === null).map((m) => m.model);
  const drift = models.filter((m) => m.cost_state_difference_usd !== null && Math.abs(m.cost_state_difference_usd) >= 0.01);
  const none = `No model requests ${rangeText(f)}.`;
  view.root.append(
    pageHead("Cost", `Tokens and cost ${rangeText(f)}: ${money(total)} priced${unpriced.length ? `, plus unpriced models: ${excerpt(visible(unpriced.join(", ")), 80)}` : ""}.`),
    card("Cost per day", null, chart),
    card(
      "By model",
      null,
      drift.length ? h("p", { class: "warn" }, `Claude Code's own cost-state totals disagree with flightlog's for ${drift.map((m) => visible(m.model)).join(", ")} (see the difference column).`) : null,
      h(
        "div",
        { class: "scroll" },
        table(
          "models",
          [
            { key: "model", label: "Model", format: (v) => excerpt(visible(v), 48) },
            { key: "requests", label: "Requests", num: true },
            ...TOKENS,
            costCol,
            { key: "agent_cost_requests", label: "Agent cost", num: true, help: "requests priced by Claude Code's own figure (OTLP cost_usd)" },
            { key: "price_table_requests", label: "Price table", num: true, help: "requests priced with flightlog's price table" },
            { key: "cost_state_requests", label: "Cost state", num: true, help: "requests priced from the transcript's cost-state" },
            { key: "unpriced_requests", label: "Unpriced", num: true },
            { key: "cost_state_sessions", label: "CS sessions", num: true, help: "sessions whose cost-state names this model" },
            { key: "cost_state_usd", label: "Cost-state total", num: true, format: money },
            { key: "cost_state_difference_usd", label: "Difference", num: true, format: (v) => (v === null ? "—" : (v > 0 ? "+" : "") + money(v)), help: "flightlog's cost minus the cost-state total" },
          ],
          models,
          { key: "model", empty: none },
        ),
      ),
      h("p", { class: "note" }, "A cost comes from Claude Code's own figure where it exists, else the price table, else the transcript's cost-state; a model no source prices is unpriced, never $0."),
    ),
    card(
      "By day",
      null,
      h(
        "div",
        { class: "scroll tall" },
        table("daily", [{ key: "date", label: "Date" }, { key: "requests", label: "Requests", num: true }, ...TOKENS, costCol, { key: "tool_calls", label: "Tool calls", num: true }, { key: "tool_errors", label: "Errors", num: true }, { key: "models", label: "Models", class: "text", format: list }], daily.slice().reverse(), {
          key: "date",
          empty: none,
        }),
      ),
    ),
    card(
      "By project",
      null,
      h(
        "div",
        { class: "scroll" },
        table(
          "projects",
          [
            { key: "project", label: "Project", class: "text", format: (v) => excerpt(visible(v), 60) },
            { key: "sessions", label: "Sessions", num: true },
            { key: "prompts", label: "Prompts", num: true },
            { key: "tool_calls", label: "Tool calls", num: true },
            { key: "tool_errors", label: "Errors", num: true },
            { key: "success_rate", label: "Success", num: true, format: percent },
            { key: "model_requests", label: "Requests", num: true },
            { key: "total_tokens", label: "Tokens", num: true, format: (v) => compact(v), title: (r) => count(r.total_tokens) },
            costCol,
          ],
          projects,
          { key: "project", empty: `No projects ${rangeText(f)}.` },
        ),
      ),
    ),
    card(
      "5-hour blocks",
      null,
      h(
        "div",
        { class: "scroll tall" },
        table(
          "blocks",
          [
            { key: "start", label: "Start", format: time },
            { key: "end", label: "End", format: time },
            { key: "last_activity", label: "Last activity", format: time },
            { key: "active", label: "Active", format: (v) => (v === "yes" ? "● active" : "") },
            { key: "requests", label: "Requests", num: true },
            { key: "total_tokens", label: "Tokens", num: true },
            costCol,
            { key: "models", label: "Models", class: "text", format: list },
          ],
          blocks.slice().reverse(),
          { key: "start", empty: none },
        ),
      ),
      h("p", { class: "note" }, "Latest first: 5-hour usage blocks as Claude's plans count them (docs/metrics.md, Periods)."),
    ),
  );
}
