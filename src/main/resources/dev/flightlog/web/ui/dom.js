// Builds DOM nodes without ever parsing markup: text goes in as text nodes, attributes through
// setAttribute, and the attributes that could run code (on*, style, srcdoc) or leave the origin
// (href/src not starting with "/" or "#") throw.

const SVG = "http://www.w3.org/2000/svg";

function safeUrl(key, value) {
  const v = String(value);
  if (v === "about:blank" || v.startsWith("#") || (v.startsWith("/") && !v.startsWith("//"))) return v;
  throw new Error(`dom: refused ${key} ${JSON.stringify(v)}`);
}

function build(el, attrs, children) {
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      const k = key.toLowerCase();
      if (value === null || value === undefined || (value === false && !k.startsWith("aria-"))) continue;
      if (key === "class") el.setAttribute("class", String(value));
      else if (key === "dataset") {
        for (const [dk, dv] of Object.entries(value)) {
          if (dv !== null && dv !== undefined) el.dataset[dk] = String(dv);
        }
      } else if (key === "on") {
        for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
      } else if (key === "text") el.textContent = String(value);
      else if (k.startsWith("on") || k === "style" || k === "srcdoc") {
        throw new Error(`dom: refused attribute ${key}`);
      } else if (k === "href" || k === "src" || k === "xlink:href") {
        el.setAttribute(key, safeUrl(key, value));
      } else el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** An HTML element. */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

/** Removes all children of el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// ---- small building blocks the pages share ------------------------------------------------

/** A panel: <section class=card> with a title, an optional "more" link, and content. */
export function card(title, more, ...children) {
  return h("section", { class: "card" }, h("header", null, h("h2", null, title), more ? h("a", { class: "more", href: more.href }, more.text) : null), ...children);
}

/** A page title with a note (what range is shown). */
export function pageHead(title, note, ...extra) {
  return h("div", { class: "pagehead" }, h("h1", null, title), note ? h("span", { class: "muted" }, note) : null, ...extra);
}

/** Placeholder shown while a panel loads. */
export function loading() {
  return h("p", { class: "empty", dataset: { loading: "true" } }, "Loading…");
}

/**
 * Redraws a page when the live stream brings events of the given kinds (at most every `every`
 * ms), and on a stream reset; stops when the page is left. draw() must not throw.
 */
export function liveRefresh(view, draw, kinds = ["tool_call", "prompt", "model_request", "session"], every = 4000) {
  if (!view.live) return;
  let timer = 0;
  let last = Date.now();
  const schedule = () => {
    if (timer || view.signal.aborted) return;
    const wait = Math.max(250, every - (Date.now() - last));
    timer = setTimeout(() => {
      timer = 0;
      last = Date.now();
      if (!view.signal.aborted) draw();
    }, wait);
  };
  const off1 = view.live.subscribe((event) => {
    if (event && kinds.includes(event.kind)) schedule();
  });
  const off2 = view.live.onReset(schedule);
  view.signal.addEventListener("abort", () => {
    off1();
    off2();
    clearTimeout(timer);
  });
}
