/*
 * The institution dashboard. It calls the same JSON API as every other client, with the embed
 * token from the URL fragment (#token=...), which it removes from the address bar at once, so the
 * link in the address bar can be copied or bookmarked without it. The token is kept in memory and
 * in this tab's sessionStorage, so a reload of the tab keeps working until the token expires.
 *
 * Every number it writes into the page carries the API's raw value in data-value and its name in
 * data-metric, so a test can compare what a person sees with what the API answered.
 * It refreshes every data-refresh-seconds seconds with conditional requests (If-None-Match) and
 * redraws a part of the page only when that part's answer changed.
 */
'use strict';

(() => {
  const body = document.body;
  const $ = (id) => document.getElementById(id);

  const institutionId = body.dataset.institutionId;
  const refreshSeconds = positiveNumber(body.dataset.refreshSeconds, 10);
  const apiBase = `/v1/institutions/${encodeURIComponent(institutionId)}`;

  const PRESETS = {'7d': {days: 7}, '30d': {days: 30}, '90d': {days: 90}, '12mo': {months: 12}};
  const GRANULARITIES = ['day', 'week', 'month'];
  const COLORS = {issued: '#2563eb', recipients: '#0d9488', views: '#7c3aed', shares: '#ea580c'};
  const TEXT = '#334155';
  const MUTED = '#64748b';
  const GRID_LINE = '#e2e8f0';
  const MAX_CACHED_ANSWERS = 60;

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
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  const pageQuery = new URLSearchParams(window.location.search);
  const institutionZone = validZone(pageQuery.get('tz'));
  const browserZone = validZone(Intl.DateTimeFormat().resolvedOptions().timeZone) || 'UTC';

  const state = {
    token: null,
    range: PRESETS[pageQuery.get('range')] ? pageQuery.get('range') : '30d',
    granularity: null,
    granularityChosen: false,
    tz: institutionZone || browserZone,
    generation: 0,
    timer: null,
    stopped: false,
    firstRenderDone: false,
    refreshes: 0,
    rendered: {},
    answers: new Map(),
    charts: {},
  };
  if (GRANULARITIES.includes(pageQuery.get('granularity'))) {
    state.granularity = pageQuery.get('granularity');
    state.granularityChosen = true;
  } else {
    state.granularity = defaultGranularity(state.range);
  }

  class AuthError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  // ---- start ---------------------------------------------------------------------------------

  document.title = `Institution ${institutionId} · Credential analytics`;
  buildZoneOptions();
  bindControls();
  syncControls();
  window.addEventListener('resize', scheduleResize);
  window.addEventListener('hashchange', () => {
    if (takeTokenFromFragment()) {
      restart();
    }
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && !state.stopped && state.token) {
      refresh();
    }
  });

  takeTokenFromFragment() || takeTokenFromSession();
  if (!state.token) {
    fail('This dashboard link is missing its access token.');
  } else if (typeof window.echarts === 'undefined') {
    fail('The chart library could not be loaded. Reload the page to try again.');
  } else {
    restart();
  }

  // ---- token ---------------------------------------------------------------------------------

  /** Moves a token from the fragment into memory and drops the fragment from the address bar. */
  function takeTokenFromFragment() {
    const hash = window.location.hash;
    if (!hash || hash.length < 2) {
      return false;
    }
    const token = new URLSearchParams(hash.slice(1)).get('token');
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    if (!token) {
      return false;
    }
    state.token = token.trim();
    sessionToken(state.token);
    return state.token.length > 0;
  }

  /** The token an earlier load of this tab kept (a reload, or the back button). */
  function takeTokenFromSession() {
    state.token = sessionToken();
    return Boolean(state.token);
  }

  /**
   * Reads, writes (a string) or forgets (null) this institution's token in sessionStorage, which
   * lives as long as the tab. Storage may be refused (e.g. in some third-party frames): then the
   * token lives in memory only.
   */
  function sessionToken(value) {
    const key = `embed-token:${institutionId}`;
    try {
      if (value === undefined) {
        return window.sessionStorage.getItem(key);
      }
      if (value === null) {
        window.sessionStorage.removeItem(key);
      } else {
        window.sessionStorage.setItem(key, value);
      }
    } catch (e) {
      // storage unavailable: memory only
    }
    return null;
  }

  function restart() {
    state.stopped = false;
    $('error').hidden = true;
    $('error-text').textContent = '';
    $('controls').hidden = false;
    body.dataset.state = 'loading';
    refresh();
  }

  // ---- controls ------------------------------------------------------------------------------

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
    const select = $('tz');
    select.replaceChildren(...options.map(({zone, notes}) => {
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
    if (!state.stopped && state.token) {
      body.dataset.state = 'loading';
      refresh();
    }
  }

  function syncControls() {
    document.querySelectorAll('[data-range]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.range === state.range)));
    document.querySelectorAll('[data-granularity]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.granularity === state.granularity)));
    $('tz').value = state.tz;
    const {from, to} = rangeDates(state.range, state.tz);
    $('range-text').textContent = `${formatDay(from)} – ${formatDay(addDays(to, -1))}`;
  }

  function defaultGranularity(range) {
    return range === '12mo' ? 'week' : 'day';
  }

  // ---- dates ---------------------------------------------------------------------------------

  /** The preset as [from, to) in the zone: to is tomorrow there, so today is counted. */
  function rangeDates(range, zone) {
    const to = addDays(todayIn(zone), 1);
    const preset = PRESETS[range];
    const from = preset.days ? addDays(to, -preset.days) : minusMonths(to, preset.months);
    return {from, to};
  }

  /** Today's date in the zone, as a Date at UTC midnight (dates are then plain day arithmetic). */
  function todayIn(zone) {
    const parts = new Intl.DateTimeFormat('en-US', {timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric'})
      .formatToParts(new Date());
    const part = (type) => Number(parts.find((p) => p.type === type).value);
    return new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
  }

  function addDays(date, days) {
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days));
  }

  /** Like java.time's minusMonths: the same day of an earlier month, clamped to its last day. */
  function minusMonths(date, months) {
    const first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1));
    const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(date.getUTCDate(), lastDay)));
  }

  function isoDate(date) {
    return date.toISOString().slice(0, 10);
  }

  function parseDate(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }

  function formatDay(date) {
    return date.toLocaleDateString(undefined, {timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric'});
  }

  function periodLabel(iso, granularity, long) {
    const date = parseDate(iso);
    if (granularity === 'month') {
      return date.toLocaleDateString(undefined, {timeZone: 'UTC', year: 'numeric', month: long ? 'long' : 'short'});
    }
    const day = date.toLocaleDateString(undefined, long
      ? {timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric', weekday: granularity === 'day' ? 'short' : undefined}
      : {timeZone: 'UTC', month: 'short', day: 'numeric'});
    return granularity === 'week' && long ? `Week of ${day}` : day;
  }

  function validZone(zone) {
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

  // ---- data ----------------------------------------------------------------------------------

  function urlsFor(params) {
    const range = new URLSearchParams({from: params.from, to: params.to, tz: params.tz}).toString();
    return {
      summary: `${apiBase}/summary?${range}&compare=previous_period`,
      activity: `${apiBase}/activity?${range}&granularity=${params.granularity}`,
      funnel: `${apiBase}/funnel?${range}`,
      geo: `${apiBase}/geo?${range}`,
      types: `${apiBase}/credential-types?${range}&limit=10`,
    };
  }

  /**
   * One GET with the token. A 304 answers with the body kept from the last 200 for that URL, and
   * its freshness from the response's Date header; a 200's freshness is its as_of.
   */
  async function getAnswer(url) {
    const kept = state.answers.get(url);
    const headers = {Authorization: `Bearer ${state.token}`, Accept: 'application/json'};
    if (kept && kept.etag) {
      headers['If-None-Match'] = kept.etag;
    }
    const response = await fetch(url, {headers, cache: 'no-store', credentials: 'omit', redirect: 'error'});
    if (response.status === 304 && kept) {
      const date = Date.parse(response.headers.get('Date'));
      return {url, body: kept.body, asOf: Number.isNaN(date) ? Date.now() : date};
    }
    if (response.status === 401 || response.status === 403) {
      throw new AuthError(response.status, await errorMessage(response));
    }
    if (!response.ok) {
      throw new Error(`${url} answered ${response.status}`);
    }
    const answer = await response.json();
    state.answers.delete(url);
    state.answers.set(url, {etag: response.headers.get('ETag'), body: answer});
    if (state.answers.size > MAX_CACHED_ANSWERS) {
      state.answers.delete(state.answers.keys().next().value);
    }
    return {url, body: answer, asOf: Date.parse(answer.as_of)};
  }

  async function errorMessage(response) {
    try {
      return (await response.json()).message || '';
    } catch (e) {
      return '';
    }
  }

  async function refresh() {
    window.clearTimeout(state.timer);
    const generation = ++state.generation;
    const {from, to} = rangeDates(state.range, state.tz);
    const params = {from: isoDate(from), to: isoDate(to), tz: state.tz, granularity: state.granularity};
    const urls = urlsFor(params);
    const names = Object.keys(urls);
    const results = await Promise.allSettled(names.map((name) => getAnswer(urls[name])));
    if (generation !== state.generation || state.stopped) {
      return;
    }
    const refused = results.find((r) => r.status === 'rejected' && r.reason instanceof AuthError);
    if (refused) {
      sessionToken(null);
      fail(refused.reason.status === 403
        ? 'This dashboard link is not valid for this institution.'
        : 'This dashboard link has expired or is not valid.');
      return;
    }
    if (results.some((r) => r.status === 'rejected')) {
      showNotice(state.firstRenderDone
        ? `Could not refresh; retrying in ${refreshSeconds} s. The numbers below are from the time shown above.`
        : `Could not refresh; retrying in ${refreshSeconds} s.`);
      schedule();
      return;
    }
    showNotice(null);
    const answers = Object.fromEntries(names.map((name, i) => [name, results[i].value]));
    render(answers, params);
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

  /** A refused token: the error panel and nothing else; no numbers stay on the page. */
  function fail(message) {
    state.stopped = true;
    state.generation += 1;
    window.clearTimeout(state.timer);
    state.answers.clear();
    state.rendered = {};
    Object.values(state.charts).forEach((chart) => chart.dispose());
    state.charts = {};
    $('content').hidden = true;
    $('controls').hidden = true;
    showNotice(null);
    ['kpis', 'funnel-steps'].forEach((id) => $(id).replaceChildren());
    document.querySelectorAll('#content tbody').forEach((tbody) => tbody.replaceChildren());
    const freshness = $('freshness');
    freshness.textContent = '';
    delete freshness.dataset.value;
    $('error-text').textContent = message;
    $('error').hidden = false;
    body.dataset.state = 'error';
  }

  function showNotice(message) {
    const notice = $('notice');
    notice.textContent = message || '';
    notice.hidden = !message;
  }

  // ---- rendering -----------------------------------------------------------------------------

  function render(answers, params) {
    const summary = answers.summary.body;
    const empty = isEmpty(summary);
    $('content').hidden = false;
    whenChanged('summary', answers.summary, () => renderKpis(summary));
    $('empty').hidden = !empty;
    $('details').hidden = empty;
    if (empty) {
      clearDetails();
    } else {
      if (!state.firstRenderDone || body.dataset.empty === 'true') {
        resizeCharts();
      }
      whenChanged('activity', answers.activity, () => renderActivity(answers.activity.body));
      whenChanged('funnel', answers.funnel, () => renderFunnel(answers.funnel.body));
      whenChanged('types', answers.types, () => renderTypes(answers.types.body));
      whenChanged('geo', answers.geo, () => renderGeo(answers.geo.body));
    }
    body.dataset.empty = String(empty);
    renderFreshness(Math.min(...Object.values(answers).map((a) => a.asOf)));
    Object.assign(body.dataset, params);
    state.firstRenderDone = true;
    body.dataset.state = 'ready';
  }

  /** Runs draw only when the part's answer differs from the one on the page (as_of aside). */
  function whenChanged(part, answer, draw) {
    const {as_of: ignored, ...rest} = answer.body;
    const key = `${answer.url}\n${JSON.stringify(rest)}`;
    if (state.rendered[part] !== key) {
      draw();
      state.rendered[part] = key;
    }
  }

  function isEmpty(summary) {
    const events = Object.values(summary.events || {}).reduce((sum, n) => sum + n, 0);
    return events === 0 && !summary.credentials_issued && !summary.views && !summary.shares;
  }

  function clearDetails() {
    ['activity', 'funnel', 'types', 'geo'].forEach((part) => delete state.rendered[part]);
    Object.values(state.charts).forEach((chart) => chart.clear());
    $('funnel-steps').replaceChildren();
    ['issued-table', 'engagement-table', 'types-table', 'geo-table'].forEach((id) => $(id).tBodies[0].replaceChildren());
  }

  function renderFreshness(instant) {
    const freshness = $('freshness');
    const time = new Date(instant).toLocaleTimeString(undefined,
      {timeZone: state.tz, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short'});
    freshness.textContent = `As of ${time}`;
    freshness.dataset.value = new Date(instant).toISOString();
    freshness.title = 'Every event acknowledged before this time is counted';
  }

  const KPIS = [
    {metric: 'credentials_issued', label: 'Credentials issued', display: formatCount},
    {metric: 'unique_recipients', label: 'Unique recipients', display: formatCount},
    {metric: 'views', label: 'Views', display: formatCount},
    {metric: 'shares', label: 'Shares', display: formatCount},
    {metric: 'avg_processing_time_ms', label: 'Avg. processing time', display: formatDuration, lowerIsBetter: true},
  ];

  function renderKpis(summary) {
    const comparison = summary.comparison || {};
    const changes = comparison.change_percent || {};
    const previous = comparison.previous || {};
    const previousRange = comparison.from && comparison.to
      ? `${formatDay(parseDate(comparison.from))} – ${formatDay(addDays(parseDate(comparison.to), -1))}`
      : 'the previous period';
    $('kpis').replaceChildren(...KPIS.map((kpi) => {
      const change = changes[kpi.metric];
      const direction = change == null || change === 0 ? 'flat' : change > 0 ? 'up' : 'down';
      const good = direction === 'flat' ? 'neutral' : (direction === 'up') !== Boolean(kpi.lowerIsBetter) ? 'good' : 'bad';
      return el('li', {class: 'kpi'},
        el('span', {class: 'kpi-label'}, kpi.label),
        number('span', `summary.${kpi.metric}`, summary[kpi.metric], kpi.display, {class: 'kpi-value'}),
        el('span', {class: `kpi-change ${good}`, title: `Compared with ${previousRange}`},
          el('span', {class: 'kpi-arrow', 'aria-hidden': 'true'}, {up: '▲', down: '▼', flat: ''}[direction]),
          number('span', `summary.change_percent.${kpi.metric}`, change, formatChange, {})),
        el('span', {class: 'kpi-previous', title: previousRange}, 'Previous period: ',
          number('span', `summary.previous.${kpi.metric}`, previous[kpi.metric], kpi.display, {})));
    }));
  }

  function renderActivity(activity) {
    const points = activity.points;
    const granularity = activity.granularity;
    const labels = points.map((p) => periodLabel(p.period, granularity, false));
    const tooltipLabels = points.map((p) => periodLabel(p.period, granularity, true));

    draw('issued', {
      color: [COLORS.issued, COLORS.recipients],
      legend: legend(),
      tooltip: axisTooltip(tooltipLabels),
      grid: grid(),
      xAxis: categoryAxis(labels),
      yAxis: valueAxis(),
      series: [
        {name: 'Credentials issued', type: 'bar', data: points.map((p) => p.credentials_issued), barMaxWidth: 24, itemStyle: {borderRadius: [3, 3, 0, 0]}},
        {name: 'Unique recipients', type: 'line', data: points.map((p) => p.unique_recipients), symbol: 'circle', symbolSize: 5, lineStyle: {width: 2}},
      ],
    });
    draw('engagement', {
      color: [COLORS.views, COLORS.shares],
      legend: legend(),
      tooltip: axisTooltip(tooltipLabels),
      grid: grid(),
      xAxis: categoryAxis(labels),
      yAxis: valueAxis(),
      series: [
        {name: 'Views', type: 'bar', data: points.map((p) => p.views), barMaxWidth: 18, itemStyle: {borderRadius: [3, 3, 0, 0]}},
        {name: 'Shares', type: 'bar', data: points.map((p) => p.shares), barMaxWidth: 18, itemStyle: {borderRadius: [3, 3, 0, 0]}},
      ],
    });

    $('issued-table').tBodies[0].replaceChildren(...points.map((p, i) => el('tr', {'data-period': p.period},
      el('th', {scope: 'row'}, tooltipLabels[i]),
      number('td', 'activity.credentials_issued', p.credentials_issued, formatCount, {class: 'num'}),
      number('td', 'activity.unique_recipients', p.unique_recipients, formatCount, {class: 'num'}),
      number('td', 'activity.avg_processing_time_ms', p.avg_processing_time_ms, formatDuration, {class: 'num'}))));
    $('engagement-table').tBodies[0].replaceChildren(...points.map((p, i) => el('tr', {'data-period': p.period},
      el('th', {scope: 'row'}, tooltipLabels[i]),
      number('td', 'activity.views', p.views, formatCount, {class: 'num'}),
      number('td', 'activity.shares', p.shares, formatCount, {class: 'num'}))));
  }

  const STAGES = {issued: 'Issued', viewed: 'Viewed', shared: 'Shared'};
  const STAGE_COLORS = {issued: COLORS.issued, viewed: COLORS.views, shared: COLORS.shares};

  function renderFunnel(funnel) {
    const stages = funnel.stages;
    draw('funnel', {
      tooltip: {trigger: 'item', valueFormatter: formatCount},
      grid: {left: 8, right: 56, top: 8, bottom: 8, containLabel: true},
      xAxis: {type: 'value', show: false},
      yAxis: {type: 'category', inverse: true, data: stages.map((s) => STAGES[s.stage] || s.stage),
        axisLine: {show: false}, axisTick: {show: false}, axisLabel: {color: TEXT, fontSize: 13}},
      series: [{
        name: 'Events', type: 'bar', barMaxWidth: 30,
        data: stages.map((s) => ({value: s.count, itemStyle: {color: STAGE_COLORS[s.stage] || MUTED, borderRadius: [0, 4, 4, 0]}})),
        label: {show: true, position: 'right', color: TEXT, formatter: (p) => formatCount(p.value)},
      }],
    });
    const names = {issued: 'issued', viewed: 'views', shared: 'shares'};
    $('funnel-steps').replaceChildren(...stages.map((s, i) => {
      const item = el('li', {class: 'funnel-step', 'data-stage': s.stage},
        el('span', {class: 'funnel-dot', 'aria-hidden': 'true', style: `background:${STAGE_COLORS[s.stage] || MUTED}`}),
        el('span', {class: 'funnel-name'}, STAGES[s.stage] || s.stage),
        number('span', `funnel.${s.stage}.count`, s.count, formatCount, {class: 'funnel-count'}));
      if (i > 0) {
        const rates = el('span', {class: 'funnel-rates'},
          number('span', `funnel.${s.stage}.rate_from_previous`, s.rate_from_previous, formatRate, {}),
          ` of ${names[stages[i - 1].stage] || stages[i - 1].stage}`);
        if (i > 1) {
          rates.append(' · ', number('span', `funnel.${s.stage}.rate_from_issued`, s.rate_from_issued, formatRate, {}), ' of issued');
        }
        item.append(rates);
      }
      return item;
    }));
  }

  function renderTypes(answer) {
    const types = answer.credential_types;
    $('types-heading').textContent = types.length >= 10 ? 'Top 10 credential types' : 'Top credential types';
    draw('types', {
      color: [COLORS.issued],
      tooltip: {trigger: 'item', valueFormatter: formatCount},
      // a fixed label column: containLabel measures truncated labels wrongly and clips them
      grid: {left: 148, right: 48, top: 8, bottom: 8, containLabel: false},
      xAxis: {type: 'value', show: false},
      yAxis: {type: 'category', inverse: true, data: types.map((t) => t.credential_type),
        axisLine: {show: false}, axisTick: {show: false},
        axisLabel: {color: TEXT, width: 136, overflow: 'truncate'}},
      series: [{
        name: 'Credentials issued', type: 'bar', barMaxWidth: 18, itemStyle: {borderRadius: [0, 3, 3, 0]},
        data: types.map((t) => t.credentials_issued),
        label: {show: true, position: 'right', color: TEXT, formatter: (p) => formatCount(p.value)},
      }],
    });
    $('types-table').tBodies[0].replaceChildren(...types.map((t) => el('tr', {'data-credential-type': t.credential_type},
      el('th', {scope: 'row'}, t.credential_type),
      number('td', 'credential_types.credentials_issued', t.credentials_issued, formatCount, {class: 'num'}))));
  }

  function renderGeo(geo) {
    const rows = geo.locations;
    const top = rows.reduce((max, r) => Math.max(max, r.credentials_issued), 0) || 1;
    $('geo-table').tBodies[0].replaceChildren(...rows.map((r) => el('tr', {'data-location': r.location},
      el('th', {scope: 'row'}, r.location === 'unknown' ? 'Unknown' : r.location),
      el('td', {class: 'num'},
        el('span', {class: 'meter', 'aria-hidden': 'true'}, el('span', {style: `width:${(100 * r.credentials_issued / top).toFixed(1)}%`})),
        number('span', 'geo.credentials_issued', r.credentials_issued, formatCount, {class: 'meter-value'})),
      number('td', 'geo.unique_recipients', r.unique_recipients, formatCount, {class: 'num'}))));
    if (rows.length === 0) {
      $('geo-table').tBodies[0].append(el('tr', {}, el('td', {colspan: '3', class: 'none'}, 'No recipient locations in this range')));
    }
  }

  // ---- charts --------------------------------------------------------------------------------

  function draw(name, option) {
    let chart = state.charts[name];
    const container = document.querySelector(`[data-chart="${name}"]`);
    if (!chart) {
      chart = window.echarts.init(container, null, {renderer: 'canvas'});
      state.charts[name] = chart;
    }
    chart.setOption({
      animation: !reducedMotion,
      animationDuration: 400,
      animationDurationUpdate: 300,
      textStyle: {fontFamily: getComputedStyle(body).fontFamily},
      ...option,
    });
    container.dataset.draws = String(Number(container.dataset.draws || 0) + 1);
  }

  function legend() {
    return {top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 12, textStyle: {color: TEXT}};
  }

  function grid() {
    return {left: 8, right: 12, top: 36, bottom: 4, containLabel: true};
  }

  function axisTooltip(labels) {
    return {
      trigger: 'axis',
      axisPointer: {type: 'shadow'},
      formatter: (items) => {
        const rows = items.map((item) => `${item.marker}${escapeHtml(item.seriesName)}: <b>${formatCount(item.value)}</b>`);
        return [escapeHtml(labels[items[0].dataIndex]), ...rows].join('<br>');
      },
    };
  }

  function categoryAxis(labels) {
    return {
      type: 'category', data: labels,
      axisLine: {lineStyle: {color: GRID_LINE}}, axisTick: {show: false},
      axisLabel: {color: MUTED, hideOverlap: true},
    };
  }

  function valueAxis() {
    return {
      type: 'value', minInterval: 1,
      splitLine: {lineStyle: {color: GRID_LINE}},
      axisLabel: {color: MUTED, formatter: (v) => formatCount(v)},
    };
  }

  let resizeFrame = 0;

  function scheduleResize() {
    window.cancelAnimationFrame(resizeFrame);
    resizeFrame = window.requestAnimationFrame(resizeCharts);
  }

  function resizeCharts() {
    Object.values(state.charts).forEach((chart) => chart.resize());
  }

  // ---- formatting and DOM --------------------------------------------------------------------

  function formatCount(value) {
    return value == null ? '—' : format.count.format(value);
  }

  function formatRate(fraction) {
    return fraction == null ? '—' : format.rate.format(fraction);
  }

  function formatChange(percent) {
    return percent == null ? '—' : format.change.format(percent / 100);
  }

  function formatDuration(ms) {
    if (ms == null) {
      return '—';
    }
    const unit = durationUnits.find((u) => ms < u.limit);
    return unit.format.format(ms / unit.divisor);
  }

  /** An element showing a number: the raw API value in data-value (empty for null), formatted text. */
  function number(tag, metric, value, display, attrs) {
    return el(tag, {...attrs, 'data-metric': metric, 'data-value': value == null ? '' : String(value)}, display(value));
  }

  function el(tag, attrs, ...children) {
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

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  }

  function positiveNumber(text, fallback) {
    const n = Number(text);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  }
})();
