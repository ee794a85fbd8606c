// Tables with the hooks the tests read: table[data-table=NAME], tbody tr[data-key],
// td[data-col=FIELD][data-value=RAW]. Numbers right-aligned; headers sort (click, Enter, Space).
//
// table(name, columns, rows, options)
//   columns: a field name, or {key, label, format(value, row) → string|Node, num, value(row) → raw,
//            href(row) → link for the cell, title(row), class, sort: false}
//   options: {key: field | row → key, link: {col, href(row)} | row → href (on the first column),
//            sort: {col, dir: "asc"|"desc"} (initial order; the rows are assumed to arrive in it
//            when absent), sortable (default true), expand(row) → Node (a row that opens a detail
//            row on click/Enter), empty: text when there are no rows, caption}

import { h } from "./dom.js";
import { count, visible } from "./format.js";

export function raw(value) {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join(" ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function normalise(c) {
  const col = typeof c === "string" ? { key: c } : Object.assign({}, c);
  if (!col.label) col.label = col.key.replace(/_/g, " ");
  return col;
}

function defaultFormat(value, col) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return col.num === false ? String(value) : count(value);
  if (Array.isArray(value)) return visible(value.join(", "));
  return visible(String(value));
}

function compare(a, b) {
  const na = a === null || a === undefined || a === "";
  const nb = b === null || b === undefined || b === "";
  if (na || nb) return na && nb ? 0 : na ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: "base" });
}

export function table(name, columns, rows, options) {
  const opts = options || {};
  const cols = columns.map(normalise);
  const linkOpt = opts.link ? (typeof opts.link === "function" ? { col: cols[0].key, href: opts.link } : opts.link) : null;
  const keyOf = typeof opts.key === "function" ? opts.key : (row, i) => (opts.key ? raw(row[opts.key]) : String(i));
  const valueOf = (col, row) => (col.value ? col.value(row) : row[col.key]);

  const entries = rows.map((row, i) => {
    const cells = cols.map((col) => {
      const value = valueOf(col, row);
      const shown = col.format ? col.format(value, row) : defaultFormat(value, col);
      let href = col.href ? col.href(row) : null;
      if (!href && linkOpt && linkOpt.col === col.key) href = linkOpt.href(row);
      const content = href ? h("a", { href }, shown) : shown;
      const cls = [col.num ? "num" : "", col.class || ""].filter(Boolean).join(" ") || null;
      return h("td", { class: cls, dataset: { col: col.key, value: raw(value) }, title: col.title ? col.title(row) : null }, content);
    });
    const tr = h("tr", { dataset: { key: keyOf(row, i) } }, cells);
    let detail = null;
    if (opts.expand) {
      tr.setAttribute("aria-expanded", "false");
      tr.tabIndex = 0;
      const toggle = (event) => {
        if (event.target.closest && event.target.closest("a")) return;
        const open = tr.getAttribute("aria-expanded") !== "true";
        tr.setAttribute("aria-expanded", String(open));
        if (open) {
          if (!detail) detail = h("tr", { class: "detail", dataset: { detailOf: keyOf(row, i) } }, h("td", { colspan: cols.length }, opts.expand(row)));
          tr.after(detail);
        } else if (detail) detail.remove();
      };
      tr.addEventListener("click", toggle);
      tr.addEventListener("keydown", (event) => {
        if (event.target === tr && (event.key === "Enter" || event.key === " ")) {
          event.preventDefault();
          toggle(event);
        }
      });
    }
    return { row, tr, get detail() { return detail; } };
  });

  const tbody = h("tbody", null, entries.map((e) => e.tr));
  const sortable = opts.sortable !== false;
  let sortState = opts.sort ? { col: opts.sort.col, dir: opts.sort.dir || "asc" } : null;
  const ths = cols.map((col) => {
    const th = h("th", { scope: "col", class: col.num ? "num" : null, dataset: { col: col.key }, title: col.help || null }, col.label);
    if (sortable && col.sort !== false) {
      th.tabIndex = 0;
      th.setAttribute("aria-sort", sortState && sortState.col === col.key ? (sortState.dir === "asc" ? "ascending" : "descending") : "none");
      const act = () => {
        const dir = sortState && sortState.col === col.key ? (sortState.dir === "asc" ? "desc" : "asc") : col.num ? "desc" : "asc";
        sortState = { col: col.key, dir };
        for (const other of ths) if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
        th.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
        const sign = dir === "asc" ? 1 : -1;
        const sorted = entries.map((e, i) => ({ e, i })).sort((a, b) => {
          const va = valueOf(col, a.e.row);
          const vb = valueOf(col, b.e.row);
          const na = va === null || va === undefined || va === "";
          const nb = vb === null || vb === undefined || vb === "";
          if (na !== nb) return na ? 1 : -1; // empty values last either way
          return sign * compare(va, vb) || a.i - b.i;
        });
        for (const { e } of sorted) {
          tbody.append(e.tr);
          if (e.detail && e.tr.getAttribute("aria-expanded") === "true") tbody.append(e.detail);
        }
      };
      th.addEventListener("click", act);
      th.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          act();
        }
      });
    }
    return th;
  });

  const t = h("table", { dataset: { table: name } }, opts.caption ? h("caption", { class: "muted" }, opts.caption) : null, h("thead", null, h("tr", null, ths)), tbody);
  if (rows.length === 0) {
    tbody.append(h("tr", { class: "empty-row" }, h("td", { colspan: cols.length, class: "empty" }, opts.empty || "Nothing in this range.")));
  }
  return t;
}

/** A table in a horizontally scrolling box. */
export function scroll(t) {
  return h("div", { class: "scroll" }, t);
}
