/*
 * The institution dashboard's wiring: the settings (range, granularity, time zone: from the URL
 * at first, then from the controls), the embed token, and the refresh loop. It calls the same
 * JSON API as every other client, every data-refresh-seconds seconds, with conditional requests
 * (api.js); render.js redraws a part of the page only when that part's answer changed.
 */
import {AuthError, DashboardApi, answerUrls} from './api.js';
import {Charts} from './charts.js';
import {GRANULARITIES, defaultGranularity, formatRange, isPreset, isoDate, rangeDates, validZone} from './dates.js';
import {$, el} from './dom.js';
import {DashboardView} from './render.js';

const body = document.body;
const institutionId = body.dataset.institutionId;
const refreshSeconds = positiveNumber(body.dataset.refreshSeconds, 10);

const pageQuery = new URLSearchParams(window.location.search);
const institutionZone = validZone(pageQuery.get('tz'));
const browserZone = validZone(Intl.DateTimeFormat().resolvedOptions().timeZone) || 'UTC';

const api = new DashboardApi(institutionId);
const charts = new Charts();
const view = new DashboardView(charts);
const state = {
  range: isPreset(pageQuery.get('range')) ? pageQuery.get('range') : '30d',
  granularity: null,
  granularityChosen: false,
  tz: institutionZone || browserZone,
  generation: 0,
  timer: null,
  stopped: false,
  refreshes: 0,
};
if (GRANULARITIES.includes(pageQuery.get('granularity'))) {
  state.granularity = pageQuery.get('granularity');
  state.granularityChosen = true;
} else {
  state.granularity = defaultGranularity(state.range);
}

// ---- start -----------------------------------------------------------------------------------

document.title = `Institution ${institutionId} · Credential analytics`;
buildZoneOptions();
bindControls();
syncControls();
window.addEventListener('resize', () => charts.scheduleResize());
window.addEventListener('hashchange', () => {
  if (api.takeTokenFromFragment()) {
    restart();
  }
});
document.addEventListener('visibilitychange', () => {
  if (!document.hidden && !state.stopped && api.token) {
    refresh();
  }
});

api.takeTokenFromFragment() || api.takeTokenFromSession();
if (!api.token) {
  fail('This dashboard link is missing its access token.');
} else if (typeof window.echarts === 'undefined') {
  fail('The chart library could not be loaded. Reload the page to try again.');
} else {
  restart();
}

function restart() {
  state.stopped = false;
  view.restart();
  refresh();
}

// ---- controls --------------------------------------------------------------------------------

function buildZoneOptions() {
  const options = [];
  const add = (zone, note) => {
    const existing = options.find((o) => o.zone === zone);
    if (existing) {
      existing.notes.push(note);
    } else {
      options.push({zone, notes: [note]});
    }
  };
  if (institutionZone) {
    add(institutionZone, 'institution');
  }
  add('UTC', null);
  add(browserZone, 'this device');
  $('tz').replaceChildren(...options.map(({zone, notes}) => {
    const named = notes.filter(Boolean);
    const label = named.length ? `${zone} (${named.join(', ')})` : zone;
    return el('option', {value: zone}, label);
  }));
}

function bindControls() {
  document.querySelectorAll('[data-range]').forEach((button) => {
    button.addEventListener('click', () => {
      if (state.range === button.dataset.range) {
        return;
      }
      state.range = button.dataset.range;
      if (!state.granularityChosen) {
        state.granularity = defaultGranularity(state.range);
      }
      changed();
    });
  });
  document.querySelectorAll('[data-granularity]').forEach((button) => {
    button.addEventListener('click', () => {
      state.granularityChosen = true;
      if (state.granularity === button.dataset.granularity) {
        return;
      }
      state.granularity = button.dataset.granularity;
      changed();
    });
  });
  $('tz').addEventListener('change', (event) => {
    state.tz = event.target.value;
    changed();
  });
}

function changed() {
  syncControls();
  if (!state.stopped && api.token) {
    view.loading();
    refresh();
  }
}

function syncControls() {
  document.querySelectorAll('[data-range]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.range === state.range)));
  document.querySelectorAll('[data-granularity]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.granularity === state.granularity)));
  $('tz').value = state.tz;
  const {from, to} = rangeDates(state.range, state.tz);
  $('range-text').textContent = formatRange(from, to);
}

// ---- refresh ---------------------------------------------------------------------------------

async function refresh() {
  window.clearTimeout(state.timer);
  const generation = ++state.generation;
  const {from, to} = rangeDates(state.range, state.tz);
  const params = {from: isoDate(from), to: isoDate(to), tz: state.tz, granularity: state.granularity};
  const urls = answerUrls(institutionId, params);
  const names = Object.keys(urls);
  const results = await Promise.allSettled(names.map((name) => api.get(urls[name])));
  if (generation !== state.generation || state.stopped) {
    return;
  }
  const refused = results.find((r) => r.status === 'rejected' && r.reason instanceof AuthError);
  if (refused) {
    api.forgetStoredToken();
    fail(refused.reason.status === 403
      ? 'This dashboard link is not valid for this institution.'
      : 'This dashboard link has expired or is not valid.');
    return;
  }
  if (results.some((r) => r.status === 'rejected')) {
    view.notice(view.firstRenderDone
      ? `Could not refresh; retrying in ${refreshSeconds} s. The numbers below are from the time shown above.`
      : `Could not refresh; retrying in ${refreshSeconds} s.`);
    schedule();
    return;
  }
  view.notice(null);
  const answers = Object.fromEntries(names.map((name, i) => [name, results[i].value]));
  view.render(answers, params, state.tz);
  state.refreshes += 1;
  body.dataset.refreshes = String(state.refreshes);
  schedule();
}

function schedule() {
  window.clearTimeout(state.timer);
  state.timer = window.setTimeout(() => {
    if (document.hidden) {
      return; // visibilitychange refreshes when the page is seen again
    }
    refresh();
  }, refreshSeconds * 1000);
}

/** Stops the loop and shows only the error panel. */
function fail(message) {
  state.stopped = true;
  state.generation += 1;
  window.clearTimeout(state.timer);
  api.forgetAnswers();
  view.fail(message);
}

function positiveNumber(text, fallback) {
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
