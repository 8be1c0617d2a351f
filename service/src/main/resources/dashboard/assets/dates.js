/*
 * The dashboard's calendar: the range presets, today in a time zone, and day and month arithmetic.
 * A date here is a Date at UTC midnight, so adding days or months is plain UTC arithmetic that
 * never meets a daylight-saving change; the zone matters only for which day today is. No DOM: the
 * functions run the same in a browser and in Node (service/src/test/js).
 */

export const PRESETS = Object.freeze({'7d': {days: 7}, '30d': {days: 30}, '90d': {days: 90}, '12mo': {months: 12}});
export const GRANULARITIES = Object.freeze(['day', 'week', 'month']);

/** Only the presets' own names: a URL's ?range=toString must not find Object's method. */
export function isPreset(range) {
  return typeof range === 'string' && Object.hasOwn(PRESETS, range);
}

export function defaultGranularity(range) {
  return range === '12mo' ? 'week' : 'day';
}

/** The preset as [from, to) in the zone: to is tomorrow there, so today is counted. */
export function rangeDates(range, zone, now = new Date()) {
  const to = addDays(todayIn(zone, now), 1);
  const preset = PRESETS[range];
  const from = preset.days ? addDays(to, -preset.days) : minusMonths(to, preset.months);
  return {from, to};
}

/** The date in the zone at the instant now, as a Date at UTC midnight. */
export function todayIn(zone, now = new Date()) {
  const parts = new Intl.DateTimeFormat('en-US', {timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric'})
    .formatToParts(now);
  const part = (type) => Number(parts.find((p) => p.type === type).value);
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
}

export function addDays(date, days) {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days));
}

/** Like java.time's minusMonths: the same day of an earlier month, clamped to its last day. */
export function minusMonths(date, months) {
  const first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(date.getUTCDate(), lastDay)));
}

export function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

export function parseDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** A day for people, in the locale (the browser's when undefined). */
export function formatDay(date, locale) {
  return date.toLocaleDateString(locale, {timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric'});
}

/** The first and last day of [from, to) for people: to is exclusive, so the last day is the one before. */
export function formatRange(from, to, locale) {
  return `${formatDay(from, locale)} – ${formatDay(addDays(to, -1), locale)}`;
}

/** A period's label: short on a chart axis, long (with the year) in tooltips and tables. */
export function periodLabel(iso, granularity, long, locale) {
  const date = parseDate(iso);
  if (granularity === 'month') {
    return date.toLocaleDateString(locale, {timeZone: 'UTC', year: 'numeric', month: long ? 'long' : 'short'});
  }
  const day = date.toLocaleDateString(locale, long
    ? {timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric', weekday: granularity === 'day' ? 'short' : undefined}
    : {timeZone: 'UTC', month: 'short', day: 'numeric'});
  return granularity === 'week' && long ? `Week of ${day}` : day;
}

/** The zone if this browser knows it, else null. */
export function validZone(zone) {
  if (!zone) {
    return null;
  }
  try {
    new Intl.DateTimeFormat('en-US', {timeZone: zone});
    return zone;
  } catch (e) {
    return null;
  }
}
