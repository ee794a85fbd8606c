// Recovery: how often a failed call is followed by a success of the same tool in the same turn,
// after how many attempts and how long; overall, per tool and per signature.

import { h, card, pageHead } from "../dom.js";
import { report } from "../api.js";
import { count, percent, duration, visible, excerpt, rangeText } from "../format.js";
import { table } from "../table.js";

const KPIS = [
  ["episodes", "Episodes", count],
  ["recovered", "Recovered", count],
  ["unrecovered", "Unrecovered", count],
  ["interrupted", "Interrupted", count],
  ["open", "Open", count],
  ["recovery_rate", "Recovery rate", percent],
  ["median_attempts", "Median attempts", count],
  ["median_recovery_ms", "Median time to recover", duration],
  ["p95_recovery_ms", "p95 time to recover", duration],
];

const COUNTS = [
  { key: "episodes", label: "Episodes", num: true },
  { key: "recovered", label: "Recov.", num: true, help: "recovered: a later success of the same tool in the same thread and turn" },
  { key: "unrecovered", label: "Unrecov.", num: true, help: "unrecovered: the turn ended first" },
  { key: "interrupted", label: "Interr.", num: true, help: "interrupted by the user" },
  { key: "open", label: "Open", num: true, help: "the turn has not ended yet" },
  { key: "recovery_rate", label: "Rate", num: true, format: percent },
  { key: "median_attempts", label: "Attempts", num: true, help: "median attempts to recovery" },
  { key: "median_recovery_ms", label: "Median", num: true, format: duration, help: "median time to recovery" },
  { key: "p95_recovery_ms", label: "p95", num: true, format: duration, help: "95th percentile time to recovery" },
];

export async function render(view) {
  const r = await report("recovery", view.filters, { signal: view.signal });
  const kpis = h(
    "div",
    { class: "kpis" },
    KPIS.map(([name, label, fmt]) =>
      h("div", { class: "kpi" }, h("div", { class: "label" }, label), h("div", { class: "value", dataset: { kpi: name, value: r[name] === null || r[name] === undefined ? "" : String(r[name]) } }, fmt(r[name]))),
    ),
  );
  const none = `No failed tool calls ${rangeText(view.filters)}.`;
  view.root.append(
    pageHead("Recovery", `An episode starts at a failed call and ends recovered at the next success of that tool in the same thread and turn, ${rangeText(view.filters)}.`),
    kpis,
    card("By tool", null, h("div", { class: "scroll" }, table("recovery-tools", [{ key: "tool", label: "Tool", class: "text", format: (v) => excerpt(visible(v), 50) }, ...COUNTS], r.by_tool || [], { key: "tool", empty: none }))),
    card(
      "By signature",
      null,
      h(
        "div",
        { class: "scroll" },
        table(
          "recovery-signatures",
          [
            { key: "signature", label: "Signature", class: "text mono", format: (v) => excerpt(visible(v), 120) },
            { key: "tool", label: "Tool", format: (v) => excerpt(visible(v), 30) },
            { key: "category", label: "Category" },
            ...COUNTS,
          ],
          r.by_signature || [],
          { key: (x) => `${x.tool}/${x.category}/${x.signature}`, empty: none },
        ),
      ),
    ),
  );
}
