// Builds elements with text only: user data never goes through innerHTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const $ = (selector) => document.querySelector(selector);

/** 70B, 1.4T, 400M. */
export function count(value) {
  if (value === null || value === undefined || !isFinite(value)) return '—';
  const suffixes = ['', 'K', 'M', 'B', 'T', 'P', 'E'];
  let group = Math.min(suffixes.length - 1, Math.max(0, Math.floor(Math.log10(Math.abs(value)) / 3 + 1e-9)));
  if (Math.abs(value) < 1) group = 0;
  const scaled = value / 1000 ** group;
  const digits = scaled >= 100 ? scaled.toFixed(0) : scaled >= 10 ? scaled.toFixed(1) : scaled.toFixed(2);
  return (digits.includes('.') ? digits.replace(/0+$/, '').replace(/\.$/, '') : digits) + suffixes[group];
}

/** 1e18, 3.2e21. */
export function sci(value) {
  if (value === null || value === undefined || !isFinite(value)) return '—';
  if (value === 0) return '0';
  let exponent = Math.floor(Math.log10(Math.abs(value)) + 1e-9);
  let mantissa = (value / 10 ** exponent).toFixed(1);
  if (mantissa === '10.0') { exponent += 1; mantissa = '1.0'; }
  return mantissa.replace(/\.0$/, '') + 'e' + exponent;
}

export function dollars(value) { return value === null || value === undefined ? '—' : '$' + count(value); }

export function fixed(value, digits = 3) {
  return value === null || value === undefined || !isFinite(value) ? '—' : Number(value).toFixed(digits);
}

/** Four significant digits for the page (the JSON keeps full precision): 362286620485576.1 → 3.623e14, 1.9742 → 1.974. */
export function sig(value, digits = 4) {
  if (value === null || value === undefined || !isFinite(value)) return '—';
  const number = Number(value);
  if (number === 0) return '0';
  const magnitude = Math.abs(number);
  if (magnitude >= 1e6 || magnitude < 1e-3) {
    const [mantissa, exponent] = number.toExponential(digits - 1).split('e');
    return `${mantissa.replace(/\.?0+$/, '')}e${Number(exponent)}`;
  }
  return String(Number(number.toPrecision(digits)));
}

/** A list of warnings in words, or nothing when there are none. */
export function warningList(warnings, label = 'Warnings') {
  const list = (warnings || []).filter(Boolean);
  if (!list.length) return null;
  return el('div', { class: 'warnings', role: 'note', 'aria-label': label },
    el('ul', {}, list.map((text) => el('li', { class: 'warning' }, text))));
}

/** A number, an interval object {estimate, lower, upper}, or text, in words. */
export function valueText(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return sig(value);
  if (typeof value === 'object' && 'estimate' in value) {
    return value.lower == null ? sig(value.estimate) : `${sig(value.estimate)} (${sig(value.lower)} – ${sig(value.upper)})`;
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k} ${valueText(v)}`).join(', ');
  return String(value);
}

/** A table of objects: one row each, the columns the first names (or `columns`). */
export function table(rows, caption, columns) {
  const keys = columns || Object.keys(rows[0] || {}).filter((k) => !Array.isArray(rows[0][k]));
  return el('div', { class: 'table-wrap' }, el('table', {}, el('caption', {}, caption),
    el('thead', {}, el('tr', {}, keys.map((k) => el('th', { scope: 'col' }, k)))),
    el('tbody', {}, rows.map((row) => el('tr', {}, keys.map((k) => el('td', { class: 'num' }, valueText(row[k]))))))));
}
