// Tools: every tool's calls by outcome, success rate and durations.

import { h, clear, card, pageHead, liveRefresh } from "../dom.js";
import { report } from "../api.js";
import { percent, duration, count, visible, excerpt, rangeText } from "../format.js";
import { hbarChart } from "../chart.js";
import { table } from "../table.js";

export const OUTCOMES = [
  ["ok", "ok", "k-ok"],
  ["errors", "error", "k-error"],
  ["denied", "denied", "k-denied"],
  ["interrupted", "interrupted", "k-interrupted"],
  ["pending", "pending", "k-pending"],
];

function build(view, tools) {
  const top = tools.slice(0, 25);
  const more = tools.length > top.length ? h("p", { class: "note" }, `The ${top.length} most used of ${tools.length} tools; the table lists all.`) : null;
  const outcome = hbarChart(
    "tool-outcomes",
    top.map((t) => ({ label: t.tool, values: OUTCOMES.map(([k]) => t[k]), href: t.errors + t.denied + t.interrupted > 0 ? view.link("/errors", { e_tool: t.tool }) : null })),
    OUTCOMES.map(([, name, cls]) => ({ name, cls })),
    { width: 1160, labelWidth: 190, format: count, navigate: view.navigate, caption: "Click a bar to see that tool's errors.", label: "Calls by outcome per tool", empty: `No tool calls ${rangeText(view.filters)}.` },
  );
  const timed = top.filter((t) => t.p95_ms !== null);
  const durations = hbarChart(
    "tool-durations",
    timed.map((t) => ({ label: t.tool, values: [t.p95_ms, t.p50_ms] })),
    [
      { name: "p95", cls: "k5" },
      { name: "p50", cls: "k1" },
    ],
    { width: 1160, labelWidth: 190, overlay: true, format: duration, label: "Median and 95th percentile duration per tool", empty: `No finished tool calls ${rangeText(view.filters)}.` },
  );
  const t = table(
    "tools",
    [
      { key: "tool", label: "Tool", class: "text", format: (v) => excerpt(visible(v), 60) },
      { key: "calls", label: "Calls", num: true },
      { key: "ok", label: "OK", num: true },
      { key: "errors", label: "Errors", num: true },
      { key: "denied", label: "Denied", num: true },
      { key: "interrupted", label: "Interrupted", num: true },
      { key: "pending", label: "Pending", num: true },
      { key: "success_rate", label: "Success", num: true, format: percent, help: "ok / (ok + errors); denied and interrupted calls are not errors" },
      { key: "p50_ms", label: "p50", num: true, format: duration },
      { key: "p95_ms", label: "p95", num: true, format: duration },
    ],
    tools,
    { key: "tool", sort: { col: "calls", dir: "desc" }, empty: `No tool calls ${rangeText(view.filters)}.` },
  );
  return [
    pageHead("Tools", `${count(tools.length)} tools ${rangeText(view.filters)}.`),
    card("Calls by outcome", null, outcome, more),
    card("All tools", null, h("div", { class: "scroll" }, t)),
    card("Durations (p50 in front of p95)", null, durations),
  ];
}

export async function render(view) {
  const draw = async () => {
    const tools = await report("tools", view.filters, { signal: view.signal });
    clear(view.root).append(...build(view, tools).filter(Boolean));
  };
  await draw();
  liveRefresh(view, () => draw().catch(view.showError), ["tool_call"], 5000);
}
