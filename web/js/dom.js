// dom.js — build elements without innerHTML (so server text can never become markup) and
// without inline styles or handlers (the CSP allows neither).

// h('button', {class: 'primary', type: 'button', onclick: fn}, 'Ask') → <button>.
// Attributes: `class`, `text`, `on<event>` (a listener), `hidden`/`disabled`/`open`/`checked`
// (booleans), anything else is set as an attribute; null/undefined/false are skipped.
// Children: nodes or strings (as text); null/false/undefined are skipped, arrays flattened.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = String(value);
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (['hidden', 'disabled', 'open', 'checked', 'required'].includes(name)) el[name] = Boolean(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);
