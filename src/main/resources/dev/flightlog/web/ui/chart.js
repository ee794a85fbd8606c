// Small SVG charts drawn by hand: vertical bars (stacked), lines, horizontal stacked bars. Every
// mark is focusable, carries data-x/data-y and a <title>, and shows the shared #tooltip on hover
// and focus; arrow keys move between marks. Colours are CSS classes (k1..k8, k-ok, …).

import { h, s } from "./dom.js";
import { compact, visible, excerpt } from "./format.js";

const M = { top: 10, right: 10, bottom: 24, left: 46 };

/** Tick values 0..max in 1-2-5 steps, about n of them. */
function ticks(max, n = 4, integer = false) {
  if (!(max > 0)) return { top: 1, values: [0, 1] };
  const raw = integer ? Math.max(1, max / n) : max / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((v) => v >= raw) || 10 * mag;
  const top = Math.ceil(max / step - 1e-9) * step;
  const values = [];
  for (let v = 0; v <= top + step / 2; v += step) values.push(Number(v.toPrecision(12)));
  return { top, values };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2026-10-27" → "Oct 27", "2026-10" → "Oct 2026"; anything else unchanged. */
export function dateLabel(x) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(String(x));
  if (!m) return String(x);
  return m[3] ? `${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}` : `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** The days from `from` to `to` (YYYY-MM-DD, both included). */
export function days(from, to) {
  const out = [];
  const [y, mo, d] = from.split("-").map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  for (let i = 0; i < 3700; i++) {
    const t = date.toISOString().slice(0, 10);
    if (t > to) break;
    out.push(t);
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return out;
}

// ---- tooltip and keyboard ------------------------------------------------------------------

function tooltip() {
  return document.getElementById("tooltip");
}

function showTip(mark, event) {
  const tip = tooltip();
  if (!tip) return;
  tip.textContent = mark.dataset.tip || "";
  tip.hidden = false;
  const r = mark.getBoundingClientRect();
  let x = event && event.clientX !== undefined && event.type.startsWith("mouse") ? event.clientX + 12 : r.left + r.width / 2 + 8;
  let y = event && event.clientY !== undefined && event.type.startsWith("mouse") ? event.clientY + 14 : r.top - 8;
  const tw = tip.offsetWidth;
  const th = tip.offsetHeight;
  if (x + tw > window.innerWidth - 4) x = Math.max(4, x - tw - 24);
  if (y + th > window.innerHeight - 4) y = Math.max(4, y - th - 24);
  if (y < 4) y = r.bottom + 8;
  tip.style.left = `${Math.round(x)}px`;
  tip.style.top = `${Math.round(y)}px`;
}

function hideTip() {
  const tip = tooltip();
  if (tip) tip.hidden = true;
}

function mark(tag, attrs, x, y, tip) {
  const dataset = Object.assign({ x: String(x), y: y === null || y === undefined ? "" : String(y), tip }, attrs.dataset || {});
  const el = s(tag, Object.assign({}, attrs, { tabindex: 0, dataset }), s("title", null, tip));
  el.classList.add("mark");
  return el;
}

function wire(svg) {
  svg.addEventListener("mouseover", (e) => {
    const m = e.target.closest && e.target.closest(".mark");
    if (m) showTip(m, e);
  });
  svg.addEventListener("mousemove", (e) => {
    const m = e.target.closest && e.target.closest(".mark");
    if (m) showTip(m, e);
  });
  svg.addEventListener("mouseout", hideTip);
  svg.addEventListener("focusin", (e) => {
    if (e.target.classList && e.target.classList.contains("mark")) showTip(e.target, e);
  });
  svg.addEventListener("focusout", hideTip);
  svg.addEventListener("keydown", (e) => {
    const marks = [...svg.querySelectorAll(".mark")];
    const i = marks.indexOf(e.target);
    if (i < 0) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    let j = -1;
    if (step) j = Math.min(marks.length - 1, Math.max(0, i + step));
    else if (e.key === "Home") j = 0;
    else if (e.key === "End") j = marks.length - 1;
    else if (e.key === "Escape") hideTip();
    else if (e.key === "Enter" && e.target.dataset.href) e.target.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    if (j >= 0) {
      e.preventDefault();
      marks[j].focus();
    }
  });
  return svg;
}

// ---- frame -------------------------------------------------------------------------------

function legend(series) {
  if (series.length < 2) return null;
  return h("ul", { class: "legend" }, series.map((se) => h("li", null, h("span", { class: `swatch ${se.cls}` }), visible(se.name))));
}

function figure(name, series, svg, opts) {
  return h("figure", { dataset: { chart: name } }, opts.legend === false ? null : legend(series), svg, opts.caption ? h("figcaption", null, opts.caption) : null);
}

function emptyFigure(name, text) {
  return h("figure", { dataset: { chart: name, empty: "true" } }, h("p", { class: "empty" }, text || "Nothing in this range."));
}

/** Y axis with gridlines; returns the scale. */
function yAxis(svg, max, w, hgt, fmt, integer) {
  const t = ticks(max, 4, integer);
  const ih = hgt - M.top - M.bottom;
  const y = (v) => M.top + ih - (v / t.top) * ih;
  const g = s("g", { class: "axis y", "aria-hidden": "true" });
  for (const v of t.values) {
    const py = Math.round(y(v)) + 0.5;
    g.append(s("line", { class: "gridline", x1: M.left, x2: w - M.right, y1: py, y2: py }));
    g.append(s("text", { x: M.left - 6, y: py + 3.5, "text-anchor": "end" }, fmt(v)));
  }
  svg.append(g);
  return y;
}

function xLabels(svg, xs, xAt, w, hgt, label) {
  const g = s("g", { class: "axis x", "aria-hidden": "true" });
  const iw = w - M.left - M.right;
  const every = Math.max(1, Math.ceil(xs.length / Math.max(1, Math.floor(iw / 64))));
  const base = hgt - M.bottom;
  g.append(s("line", { x1: M.left, x2: w - M.right, y1: base + 0.5, y2: base + 0.5 }));
  xs.forEach((x, i) => {
    if (i % every !== 0) return;
    const px = xAt(i);
    g.append(s("line", { x1: px, x2: px, y1: base, y2: base + 4 }));
    g.append(s("text", { x: px, y: base + 16, "text-anchor": "middle" }, label(x)));
  });
  svg.append(g);
}

function newSvg(w, hgt, label) {
  return wire(s("svg", { viewBox: `0 0 ${w} ${hgt}`, width: w, height: hgt, role: "img", "aria-label": label, preserveAspectRatio: "xMinYMin meet" }));
}

/**
 * Vertical bars over xs, stacked when there are several series.
 * series: [{name, cls, values: [number|null, …]}] (values parallel to xs).
 * opts: {width, height, yFormat, tipFormat, xLabel, label, empty, caption, legend}
 */
export function stackedBars(name, xs, series, opts = {}) {
  const w = opts.width || 560;
  const hgt = opts.height || 200;
  const yFmt = opts.yFormat || compact;
  const tipFmt = opts.tipFormat || yFmt;
  const xLabel = opts.xLabel || dateLabel;
  const overlay = Boolean(opts.overlay);
  const totals = xs.map((_, i) => series.reduce((a, se) => (overlay ? Math.max(a, Number(se.values[i]) || 0) : a + (Number(se.values[i]) || 0)), 0));
  const max = Math.max(0, ...totals);
  if (!xs.length || !(max > 0)) return emptyFigure(name, opts.empty);
  const svg = newSvg(w, hgt, opts.label || name);
  const integer = series.every((se) => se.values.every((v) => v === null || v === undefined || Number.isInteger(Number(v))));
  const y = yAxis(svg, max, w, hgt, yFmt, integer);
  const iw = w - M.left - M.right;
  const band = iw / xs.length;
  const full = Math.max(1, Math.min(40, band * 0.78));
  const xAt = (i) => M.left + band * i + band / 2;
  const g = s("g", { class: "marks" });
  xs.forEach((x, i) => {
    let acc = 0;
    for (const [k, se] of series.entries()) {
      const v = se.values[i];
      // Overlaid series are drawn narrower, so the one behind stays visible.
      const bw = overlay && k > 0 ? Math.max(1, full * 0.5) : full;
      if (!(Number(v) > 0)) continue;
      if (overlay) acc = 0;
      const y0 = y(acc);
      acc += Number(v);
      const y1 = y(acc);
      const tip = `${xLabel(x)}${series.length > 1 || se.name ? " · " + visible(se.name) : ""}: ${tipFmt(v)}${series.length > 1 && !overlay ? `\ntotal ${tipFmt(totals[i])}` : ""}`;
      g.append(mark("rect", { class: se.cls, x: (xAt(i) - bw / 2).toFixed(1), width: bw.toFixed(1), y: y1.toFixed(1), height: Math.max(0.5, y0 - y1).toFixed(1), dataset: { series: se.name } }, x, v, tip));
    }
  });
  svg.append(g);
  xLabels(svg, xs, xAt, w, hgt, xLabel);
  return figure(name, series, svg, opts);
}

/** One series of vertical bars. */
export function barChart(name, xs, values, opts = {}) {
  return stackedBars(name, xs, [{ name: opts.seriesName || "", cls: opts.cls || "k1", values }], Object.assign({ legend: false }, opts));
}

/** Lines over xs, one per series, with a focusable point per value. */
export function lineChart(name, xs, series, opts = {}) {
  const w = opts.width || 560;
  const hgt = opts.height || 200;
  const yFmt = opts.yFormat || compact;
  const tipFmt = opts.tipFormat || yFmt;
  const xLabel = opts.xLabel || dateLabel;
  const max = Math.max(0, ...series.flatMap((se) => se.values.map((v) => Number(v) || 0)));
  if (!xs.length || !(max > 0)) return emptyFigure(name, opts.empty);
  const svg = newSvg(w, hgt, opts.label || name);
  const y = yAxis(svg, max, w, hgt, yFmt, series.every((se) => se.values.every((v) => v === null || v === undefined || Number.isInteger(Number(v)))));
  const iw = w - M.left - M.right;
  const band = iw / xs.length;
  const xAt = (i) => M.left + band * i + band / 2;
  for (const se of series) {
    const pts = [];
    se.values.forEach((v, i) => {
      if (v !== null && v !== undefined) pts.push(`${xAt(i).toFixed(1)},${y(Number(v)).toFixed(1)}`);
    });
    if (pts.length) svg.append(s("polyline", { class: `line ${se.cls}`, points: pts.join(" "), "aria-hidden": "true" }));
  }
  const g = s("g", { class: "marks" });
  const r = xs.length > 60 ? 2 : 3;
  xs.forEach((x, i) => {
    for (const se of series) {
      const v = se.values[i];
      if (v === null || v === undefined) continue;
      g.append(mark("circle", { class: se.cls, cx: xAt(i).toFixed(1), cy: y(Number(v)).toFixed(1), r, dataset: { series: se.name } }, x, v, `${xLabel(x)} · ${visible(se.name)}: ${tipFmt(v)}`));
    }
  });
  svg.append(g);
  xLabels(svg, xs, xAt, w, hgt, xLabel);
  return figure(name, series, svg, opts);
}

/**
 * Horizontal stacked bars, one row per category.
 * rows: [{label, values: [number, …] (parallel to series), href?}]; series: [{name, cls}].
 */
export function hbarChart(name, rows, series, opts = {}) {
  const w = opts.width || 560;
  const rowH = opts.rowHeight || 20;
  const left = opts.labelWidth || 150;
  const right = 56;
  const fmt = opts.format || compact;
  const overlay = Boolean(opts.overlay);
  const totals = rows.map((r) => r.values.reduce((a, v) => (overlay ? Math.max(a, Number(v) || 0) : a + (Number(v) || 0)), 0));
  const max = Math.max(0, ...totals);
  if (!rows.length || !(max > 0)) return emptyFigure(name, opts.empty);
  const hgt = rows.length * rowH + 8;
  const svg = newSvg(w, hgt, opts.label || name);
  const iw = w - left - right;
  const g = s("g", { class: "marks" });
  const labels = s("g", { class: "axis" });
  const chars = Math.floor(left / 7);
  rows.forEach((row, i) => {
    const top = 4 + i * rowH;
    const shown = excerpt(visible(row.label), chars);
    const text = s("text", { x: left - 6, y: top + rowH / 2 + 4, "text-anchor": "end" }, shown.length > chars ? shown.slice(0, chars - 1) + "…" : shown);
    labels.append(text);
    let acc = 0;
    row.values.forEach((v, k) => {
      if (!(Number(v) > 0)) return;
      const se = series[k];
      if (overlay) acc = 0;
      const x0 = left + (acc / max) * iw;
      acc += Number(v);
      const x1 = left + (acc / max) * iw;
      const tip = `${visible(row.label)}${series.length > 1 ? " · " + se.name : ""}: ${fmt(v)}${series.length > 1 && !overlay ? `\ntotal ${fmt(totals[i])}` : ""}`;
      const m = mark("rect", { class: se.cls, x: x0.toFixed(1), width: Math.max(0.5, x1 - x0).toFixed(1), y: top + 3, height: rowH - 6, dataset: { series: se.name, href: row.href || null } }, row.label, v, tip);
      g.append(m);
    });
    labels.append(s("text", { x: left + (totals[i] / max) * iw + 5, y: top + rowH / 2 + 4, class: "chart-label" }, fmt(totals[i])));
  });
  svg.append(labels, g);
  svg.addEventListener("click", (e) => {
    const m = e.target.closest && e.target.closest(".mark");
    if (m && m.dataset.href && opts.navigate) opts.navigate(m.dataset.href);
  });
  return figure(name, series, svg, opts);
}

/** A one-line share bar (HTML): parts [{name, cls, value}]. */
export function shareBar(parts, label) {
  const total = parts.reduce((a, p) => a + (Number(p.value) || 0), 0);
  const bar = h("div", { class: "share", role: "img", "aria-label": label || "" });
  for (const p of parts) {
    if (!(total > 0) || !(Number(p.value) > 0)) continue;
    const span = h("span", { class: p.cls, title: `${p.name}: ${p.text || p.value}` });
    span.style.width = `${((Number(p.value) / total) * 100).toFixed(2)}%`;
    bar.append(span);
  }
  return bar;
}
