// Errors: the catalog of failed calls grouped by signature, with an example of each and the
// session it came from. Filter by tool and category (client-side; URL e_tool, e_category).

import { h, clear, card, pageHead } from "../dom.js";
import { report } from "../api.js";
import { count, time, visible, excerpt, rangeText } from "../format.js";
import { table } from "../table.js";

export const errorKey = (r) => `${r.tool}/${r.category}/${r.signature}`;

function detail(view, r) {
  return h(
    "div",
    null,
    h("pre", { dataset: { field: "example" } }, visible(r.example)),
    h(
      "dl",
      null,
      h("dt", null, "Signature"),
      h("dd", { class: "mono" }, visible(r.signature)),
      h("dt", null, "First seen"),
      h("dd", null, time(r.first_seen)),
      h("dt", null, "Last seen"),
      h("dd", null, time(r.last_seen)),
      h("dt", null, "Example session"),
      h("dd", null, r.example_session_id ? h("a", { href: view.link("/session/" + encodeURIComponent(r.example_session_id)), dataset: { sessionLink: r.example_session_id } }, visible(r.example_session_id)) : "—"),
    ),
  );
}

function select(id, label, values, current, onChange) {
  const el = h("select", { id, on: { change: () => onChange(el.value) } }, h("option", { value: "" }, "all"), values.map((v) => h("option", { value: v }, excerpt(visible(v), 40))));
  el.value = values.includes(current) ? current : "";
  return h("label", null, label, " ", el);
}

export async function render(view) {
  const all = view.params.get("e_all") === "1";
  const rows = await report("errors", Object.assign({}, view.filters, all ? { limit: 0 } : {}), { signal: view.signal });
  const tools = [...new Set(rows.map((r) => r.tool))].sort();
  const categories = [...new Set(rows.map((r) => r.category))].sort();
  let tool = view.params.get("e_tool") || "";
  let category = view.params.get("e_category") || "";
  const holder = h("div", { class: "scroll" });
  const summary = h("span", { class: "muted" });
  const draw = () => {
    const shown = rows.filter((r) => (!tool || r.tool === tool) && (!category || r.category === category));
    summary.textContent = `${count(shown.length)} of ${count(rows.length)} signatures, ${count(shown.reduce((a, r) => a + r.count, 0))} failed calls`;
    clear(holder).append(
      table(
        "errors",
        [
          { key: "signature", label: "Signature", class: "text mono", format: (v) => excerpt(visible(v), 160) },
          { key: "tool", label: "Tool", format: (v) => excerpt(visible(v), 30) },
          { key: "category", label: "Category" },
          { key: "count", label: "Count", num: true },
          { key: "sessions", label: "Sessions", num: true },
          { key: "first_seen", label: "First seen", num: true, format: time },
          { key: "last_seen", label: "Last seen", num: true, format: time },
        ],
        shown,
        {
          key: errorKey,
          expand: (r) => detail(view, r),
          empty: rows.length ? "No signature matches these filters." : `No failed tool calls ${rangeText(view.filters)}.`,
        },
      ),
    );
  };
  const toolbar = h(
    "div",
    { class: "toolbar" },
    select("e-tool", "Tool", tools, tool, (v) => {
      tool = v;
      view.setParam("e_tool", v || null);
      draw();
    }),
    select("e-category", "Category", categories, category, (v) => {
      category = v;
      view.setParam("e_category", v || null);
      draw();
    }),
    summary,
  );
  draw();
  const limited = !all && rows.length >= 50;
  view.root.append(
    pageHead("Errors", `Failed calls (error, denied, interrupted) grouped by signature, ${rangeText(view.filters)}. Click a row for an example.`),
    card("Error catalog", null, toolbar, holder, limited ? h("p", { class: "table-more" }, "The 50 most frequent signatures. ", h("a", { href: view.link("/errors", { e_all: 1, e_tool: tool, e_category: category }) }, "Show all")) : null),
  );
}
