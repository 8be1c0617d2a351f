/* Small DOM helpers shared by the page's modules. */

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([name, value]) => {
    if (name === 'style') {
      node.style.cssText = value;
    } else if (value !== undefined && value !== null) {
      node.setAttribute(name, value);
    }
  });
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** An element showing a number: the raw API value in data-value (empty for null), formatted text. */
export function number(tag, metric, value, display, attrs) {
  return el(tag, {...attrs, 'data-metric': metric, 'data-value': value == null ? '' : String(value)}, display(value));
}
