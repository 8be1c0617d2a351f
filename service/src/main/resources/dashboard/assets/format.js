/*
 * Numbers for people, in the browser's locale: counts, rates, changes and durations. A missing
 * value (null) shows as a dash, never as 0. No DOM.
 */

const format = {
  count: new Intl.NumberFormat(undefined, {maximumFractionDigits: 0}),
  rate: new Intl.NumberFormat(undefined, {style: 'percent', maximumFractionDigits: 1}),
  change: new Intl.NumberFormat(undefined, {style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero'}),
};
const durationUnits = [
  {limit: 1000, divisor: 1, unit: 'millisecond', digits: 0},
  {limit: 60000, divisor: 1000, unit: 'second', digits: 1},
  {limit: 3600000, divisor: 60000, unit: 'minute', digits: 1},
  {limit: 86400000, divisor: 3600000, unit: 'hour', digits: 1},
  {limit: Infinity, divisor: 86400000, unit: 'day', digits: 1},
].map((u) => ({...u, format: new Intl.NumberFormat(undefined, {style: 'unit', unit: u.unit, unitDisplay: 'short', maximumFractionDigits: u.digits})}));

export function formatCount(value) {
  return value == null ? '—' : format.count.format(value);
}

export function formatRate(fraction) {
  return fraction == null ? '—' : format.rate.format(fraction);
}

/** A change in percent as the API gives it (12.5 for +12.5 %). */
export function formatChange(percent) {
  return percent == null ? '—' : format.change.format(percent / 100);
}

export function formatDuration(ms) {
  if (ms == null) {
    return '—';
  }
  const unit = durationUnits.find((u) => ms < u.limit);
  return unit.format.format(ms / unit.divisor);
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}
