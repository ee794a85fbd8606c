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
