// How numbers, times and untrusted text are shown. null / undefined always become "—".

const DASH = "—";
const nf = new Intl.NumberFormat("en-US");
const nf1 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

const none = (v) => v === null || v === undefined || v === "" || (typeof v === "number" && !isFinite(v));

export function count(n) {
  return none(n) ? DASH : nf.format(n);
}

export function money(n) {
  if (none(n)) return DASH;
  const v = Number(n);
  if (v !== 0 && Math.abs(v) < 0.01) return (v < 0 ? "−$" : "$") + Math.abs(v).toFixed(4);
  return (v < 0 ? "−$" : "$") + Math.abs(v).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function percent(r) {
  return none(r) ? DASH : `${nf1.format(Number(r) * 100)} %`;
}

/** Short numbers for axes and KPIs: 1.2k, 3.4M. */
export function compact(n) {
  if (none(n)) return DASH;
  const a = Math.abs(n);
  const sign = n < 0 ? "−" : "";
  if (a >= 1e9) return sign + nf1.format(a / 1e9) + "B";
  if (a >= 1e6) return sign + nf1.format(a / 1e6) + "M";
  if (a >= 1e3) return sign + nf1.format(a / 1e3) + "k";
  return sign + nf1.format(a);
}

/** Milliseconds → "850 ms", "1.2 s", "3 min", "2 h 5 min", "3 d 4 h". */
export function duration(ms) {
  if (none(ms)) return DASH;
  const v = Number(ms);
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60000) return `${nf1.format(v / 1000)} s`;
  const min = Math.round(v / 60000);
  if (min < 60) return `${min} min`;
  const hr = Math.floor(min / 60);
  if (hr < 48) return min % 60 ? `${hr} h ${min % 60} min` : `${hr} h`;
  const d = Math.floor(hr / 24);
  return hr % 24 ? `${d} d ${hr % 24} h` : `${d} d`;
}

const pad = (n) => String(n).padStart(2, "0");

function toDate(iso) {
  if (none(iso)) return null;
  const d = new Date(iso);
  return isNaN(d.getTime()) ? null : d;
}

/** ISO instant → local "YYYY-MM-DD HH:MM:SS". */
export function time(iso) {
  const d = toDate(iso);
  if (!d) return none(iso) ? DASH : String(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** ISO instant → "HH:MM:SS" today, else "MM-DD HH:MM". */
export function shortTime(iso) {
  const d = toDate(iso);
  if (!d) return none(iso) ? DASH : String(iso);
  const now = new Date();
  if (d.toDateString() === now.toDateString()) return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** How long ago: "12 s ago", "3 min ago". */
export function ago(iso, now = Date.now()) {
  const d = toDate(iso);
  if (!d) return DASH;
  const ms = now - d.getTime();
  if (ms < 0) return "just now";
  if (ms < 60000) return `${Math.floor(ms / 1000)} s ago`;
  return `${duration(ms)} ago`;
}

/**
 * Untrusted text made visible: C0/C1 controls other than \n and \t become control pictures
 * (or \u{…} marks), bidi controls a ⟦U+202E⟧ mark, so nothing can hide or reorder what is shown.
 */
export function visible(text) {
  if (text === null || text === undefined) return "";
  const str = String(text);
  // eslint-disable-next-line no-control-regex
  return str.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return "\u2421";
    if (code <= 0x9f) return `\\u{${code.toString(16).toUpperCase().padStart(4, "0")}}`;
    return `⟦U+${code.toString(16).toUpperCase().padStart(4, "0")}⟧`;
  });
}

/** Cuts text to max characters, appending "…" when cut. */
export function excerpt(text, max) {
  if (text === null || text === undefined) return "";
  const str = String(text);
  if (str.length <= max) return str;
  return str.slice(0, Math.max(0, max)) + "…";
}

/** "between 2026-10-20 14:00 and now" for API filters {since, until}. */
export function rangeText(filters) {
  const f = filters || {};
  const one = (v) => (!v ? null : /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : time(v).slice(0, 16));
  const since = one(f.since);
  const until = one(f.until);
  if (!since && !until) return "in all recorded history";
  return `between ${since || "the beginning"} and ${until ? until + (/^\d{4}-\d{2}-\d{2}$/.test(f.until) ? " (included)" : "") : "now"}`;
}

/** Relative change "+12 %", "−3.4 %", "±0 %"; "—" when either side is missing or prev is 0. */
export function delta(cur, prev) {
  if (none(cur) || none(prev) || Number(prev) === 0) return DASH;
  const r = ((Number(cur) - Number(prev)) / Math.abs(Number(prev))) * 100;
  if (Math.abs(r) < 0.05) return "±0 %";
  const a = Math.abs(r);
  const n = a >= 10 ? Math.round(a) : Math.round(a * 10) / 10;
  return `${r > 0 ? "+" : "−"}${nf.format(n)} %`;
}
