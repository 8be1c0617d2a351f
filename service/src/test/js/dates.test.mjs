// The dashboard's calendar (dates.js) without a browser: node --test, run by Maven in the test phase.
// Every expected date below was worked out by hand from a calendar and the zones' offsets.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
  addDays, defaultGranularity, formatDay, formatRange, isPreset, isoDate, minusMonths, parseDate, periodLabel,
  rangeDates, todayIn, validZone,
} from '../../main/resources/dashboard/assets/dates.js';

const day = (iso) => parseDate(iso);
const range = (preset, zone, now) => {
  const {from, to} = rangeDates(preset, zone, new Date(now));
  return [isoDate(from), isoDate(to)];
};

describe('todayIn', () => {
  it('is the date on the zone\'s wall clock, not in UTC', () => {
    // 20:00 UTC is 01:30 the next day in India (UTC+5:30)
    assert.equal(isoDate(todayIn('Asia/Kolkata', new Date('2026-03-01T20:00:00Z'))), '2026-03-02');
    // 05:00 UTC is 21:00 the day before in Los Angeles (UTC-8 in winter)
    assert.equal(isoDate(todayIn('America/Los_Angeles', new Date('2026-03-01T05:00:00Z'))), '2026-02-28');
    assert.equal(isoDate(todayIn('UTC', new Date('2026-03-01T23:59:59Z'))), '2026-03-01');
  });

  it('may already be next year east of UTC', () => {
    // Kiritimati is UTC+14: 10:00 UTC on 31 December is midnight on 1 January there
    assert.equal(isoDate(todayIn('Pacific/Kiritimati', new Date('2026-12-31T10:00:00Z'))), '2027-01-01');
    assert.equal(isoDate(todayIn('Pacific/Kiritimati', new Date('2026-12-31T09:59:59Z'))), '2026-12-31');
  });

  it('follows daylight saving time', () => {
    // New York: 04:30 UTC is 23:30 on 8 March under EST (UTC-5), but after the switch on 8 March 2026
    // (02:00 local) it is EDT (UTC-4): 04:30 UTC on 9 March is 00:30 on 9 March
    assert.equal(isoDate(todayIn('America/New_York', new Date('2026-03-08T04:30:00Z'))), '2026-03-07');
    assert.equal(isoDate(todayIn('America/New_York', new Date('2026-03-09T04:30:00Z'))), '2026-03-09');
  });
});

describe('rangeDates', () => {
  it('ends tomorrow in the zone, so that today counts', () => {
    assert.deepEqual(range('7d', 'UTC', '2026-03-05T12:00:00Z'), ['2026-02-27', '2026-03-06']);
    assert.deepEqual(range('30d', 'UTC', '2026-03-05T12:00:00Z'), ['2026-02-04', '2026-03-06']);
    assert.deepEqual(range('90d', 'UTC', '2026-03-05T12:00:00Z'), ['2025-12-06', '2026-03-06']);
  });

  it('counts days in the zone, across a daylight saving change', () => {
    // Berlin switches to UTC+2 on 29 March 2026; 22:30 UTC that day is 00:30 on 30 March there
    assert.deepEqual(range('30d', 'Europe/Berlin', '2026-03-29T22:30:00Z'), ['2026-03-01', '2026-03-31']);
    assert.deepEqual(range('30d', 'UTC', '2026-03-29T22:30:00Z'), ['2026-02-28', '2026-03-30']);
  });

  it('takes twelve months back from tomorrow, clamped to the shorter February', () => {
    assert.deepEqual(range('12mo', 'UTC', '2026-03-05T12:00:00Z'), ['2025-03-06', '2026-03-06']);
    // tomorrow is 29 February 2024; February 2023 has 28 days
    assert.deepEqual(range('12mo', 'UTC', '2024-02-28T12:00:00Z'), ['2023-02-28', '2024-02-29']);
  });
});

describe('day and month arithmetic', () => {
  it('adds days across months and years', () => {
    assert.equal(isoDate(addDays(day('2026-12-31'), 1)), '2027-01-01');
    assert.equal(isoDate(addDays(day('2026-03-01'), -1)), '2026-02-28');
    assert.equal(isoDate(addDays(day('2024-03-01'), -1)), '2024-02-29');
    assert.equal(isoDate(addDays(day('2026-01-01'), 365)), '2027-01-01');
  });

  it('subtracts months like java.time: the same day, or the last of a shorter month', () => {
    assert.equal(isoDate(minusMonths(day('2026-03-31'), 1)), '2026-02-28');
    assert.equal(isoDate(minusMonths(day('2024-03-31'), 1)), '2024-02-29');
    assert.equal(isoDate(minusMonths(day('2026-05-31'), 1)), '2026-04-30');
    assert.equal(isoDate(minusMonths(day('2026-01-15'), 1)), '2025-12-15');
    assert.equal(isoDate(minusMonths(day('2026-02-10'), 14)), '2024-12-10');
  });

  it('reads and writes ISO dates without a zone shift', () => {
    assert.equal(parseDate('2026-03-09').getTime(), Date.UTC(2026, 2, 9));
    assert.equal(isoDate(parseDate('2026-12-31')), '2026-12-31');
  });
});

describe('labels', () => {
  it('shows days, weeks and months for people', () => {
    // 9 March 2026 is a Monday (1 March 2026 is a Sunday)
    assert.equal(periodLabel('2026-03-09', 'day', true, 'en-US'), 'Mon, Mar 9, 2026');
    assert.equal(periodLabel('2026-03-09', 'day', false, 'en-US'), 'Mar 9');
    assert.equal(periodLabel('2026-03-09', 'week', true, 'en-US'), 'Week of Mar 9, 2026');
    assert.equal(periodLabel('2026-03-09', 'week', false, 'en-US'), 'Mar 9');
    assert.equal(periodLabel('2026-03-01', 'month', true, 'en-US'), 'March 2026');
    assert.equal(periodLabel('2026-03-01', 'month', false, 'en-US'), 'Mar 2026');
  });

  it('shows a range by its first and last day: to is exclusive', () => {
    assert.equal(formatDay(day('2026-03-09'), 'en-US'), 'Mar 9, 2026');
    assert.equal(formatRange(day('2026-02-04'), day('2026-03-06'), 'en-US'), 'Feb 4, 2026 – Mar 5, 2026');
  });
});

describe('settings from the URL', () => {
  it('knows only its own presets', () => {
    assert.equal(isPreset('7d'), true);
    assert.equal(isPreset('12mo'), true);
    assert.equal(isPreset('1y'), false);
    assert.equal(isPreset('toString'), false);
    assert.equal(isPreset('__proto__'), false);
    assert.equal(isPreset(null), false);
  });

  it('shows twelve months by week and shorter ranges by day', () => {
    assert.equal(defaultGranularity('12mo'), 'week');
    assert.equal(defaultGranularity('90d'), 'day');
    assert.equal(defaultGranularity('7d'), 'day');
  });

  it('accepts only zones the runtime knows', () => {
    assert.equal(validZone('Asia/Kolkata'), 'Asia/Kolkata');
    assert.equal(validZone('UTC'), 'UTC');
    assert.equal(validZone('Mars/Olympus_Mons'), null);
    assert.equal(validZone(''), null);
    assert.equal(validZone(null), null);
  });
});
