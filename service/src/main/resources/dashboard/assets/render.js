/*
 * Writes the API's answers into the page. Every number carries the API's raw value in data-value
 * and its name in data-metric, so a test can compare what a person sees with what the API
 * answered. A part of the page is redrawn only when its answer changed (as_of aside). The body's
 * data-state (loading, ready, error) says where the page is.
 */
import {COLORS, MUTED, TEXT, axisTooltip, categoryAxis, grid, legend, valueAxis} from './charts.js';
import {formatRange, parseDate, periodLabel} from './dates.js';
import {$, el, number} from './dom.js';
import {formatChange, formatCount, formatDuration, formatRate} from './format.js';

const KPIS = [
  {metric: 'credentials_issued', label: 'Credentials issued', display: formatCount},
  {metric: 'unique_recipients', label: 'Unique recipients', display: formatCount},
  {metric: 'views', label: 'Views', display: formatCount},
  {metric: 'shares', label: 'Shares', display: formatCount},
  {metric: 'avg_processing_time_ms', label: 'Avg. processing time', display: formatDuration, lowerIsBetter: true},
];
const STAGES = {issued: 'Issued', viewed: 'Viewed', shared: 'Shared'};
const STAGE_COLORS = {issued: COLORS.issued, viewed: COLORS.views, shared: COLORS.shares};

export class DashboardView {
  constructor(charts) {
    this.charts = charts;
    this.body = document.body;
    this.rendered = {};
    this.firstRenderDone = false;
  }

  loading() {
    this.body.dataset.state = 'loading';
  }

  /** Back from an error: the controls, no error panel, and loading until the first answers. */
  restart() {
    $('error').hidden = true;
    $('error-text').textContent = '';
    $('controls').hidden = false;
    this.loading();
  }

  /** answers: {summary, activity, funnel, geo, types}, each {url, body, asOf}; params: the range shown. */
  render(answers, params, zone) {
    const summary = answers.summary.body;
    const empty = isEmpty(summary);
    $('content').hidden = false;
    this.whenChanged('summary', answers.summary, () => renderKpis(summary));
    $('empty').hidden = !empty;
    $('details').hidden = empty;
    if (empty) {
      this.clearDetails();
    } else {
      if (!this.firstRenderDone || this.body.dataset.empty === 'true') {
        this.charts.resize();
      }
      this.whenChanged('activity', answers.activity, () => this.renderActivity(answers.activity.body));
      this.whenChanged('funnel', answers.funnel, () => this.renderFunnel(answers.funnel.body));
      this.whenChanged('types', answers.types, () => this.renderTypes(answers.types.body));
      this.whenChanged('geo', answers.geo, () => renderGeo(answers.geo.body));
    }
    this.body.dataset.empty = String(empty);
    renderFreshness(Math.min(...Object.values(answers).map((a) => a.asOf)), zone);
    Object.assign(this.body.dataset, params);
    this.firstRenderDone = true;
    this.body.dataset.state = 'ready';
  }

  /** A refused token: the error panel and nothing else; no numbers stay on the page. */
  fail(message) {
    this.rendered = {};
    this.charts.dispose();
    $('content').hidden = true;
    $('controls').hidden = true;
    this.notice(null);
    ['kpis', 'funnel-steps'].forEach((id) => $(id).replaceChildren());
    document.querySelectorAll('#content tbody').forEach((tbody) => tbody.replaceChildren());
    const freshness = $('freshness');
    freshness.textContent = '';
    delete freshness.dataset.value;
    $('error-text').textContent = message;
    $('error').hidden = false;
    this.body.dataset.state = 'error';
  }

  notice(message) {
    const notice = $('notice');
    notice.textContent = message || '';
    notice.hidden = !message;
  }

  /** Runs draw only when the part's answer differs from the one on the page (as_of aside). */
  whenChanged(part, answer, draw) {
    const {as_of: ignored, ...rest} = answer.body;
    const key = `${answer.url}\n${JSON.stringify(rest)}`;
    if (this.rendered[part] !== key) {
      draw();
      this.rendered[part] = key;
    }
  }

  clearDetails() {
    ['activity', 'funnel', 'types', 'geo'].forEach((part) => delete this.rendered[part]);
    this.charts.clear();
    $('funnel-steps').replaceChildren();
    ['issued-table', 'engagement-table', 'types-table', 'geo-table'].forEach((id) => $(id).tBodies[0].replaceChildren());
  }

  renderActivity(activity) {
    const points = activity.points;
    const granularity = activity.granularity;
    const labels = points.map((p) => periodLabel(p.period, granularity, false));
    const tooltipLabels = points.map((p) => periodLabel(p.period, granularity, true));

    const periods = (colors, series) => ({
      color: colors,
      legend: legend(),
      tooltip: axisTooltip(tooltipLabels),
      grid: grid(),
      xAxis: categoryAxis(labels),
      yAxis: valueAxis(),
      series,
    });
    this.charts.draw('issued', periods([COLORS.issued, COLORS.recipients], [
      {name: 'Credentials issued', type: 'bar', data: points.map((p) => p.credentials_issued), barMaxWidth: 24, itemStyle: {borderRadius: [3, 3, 0, 0]}},
      {name: 'Unique recipients', type: 'line', data: points.map((p) => p.unique_recipients), symbol: 'circle', symbolSize: 5, lineStyle: {width: 2}},
    ]));
    this.charts.draw('engagement', periods([COLORS.views, COLORS.shares], [
      {name: 'Views', type: 'bar', data: points.map((p) => p.views), barMaxWidth: 18, itemStyle: {borderRadius: [3, 3, 0, 0]}},
      {name: 'Shares', type: 'bar', data: points.map((p) => p.shares), barMaxWidth: 18, itemStyle: {borderRadius: [3, 3, 0, 0]}},
    ]));

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

  renderFunnel(funnel) {
    const stages = funnel.stages;
    this.charts.draw('funnel', {
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

  renderTypes(answer) {
    const types = answer.credential_types;
    $('types-heading').textContent = types.length >= 10 ? 'Top 10 credential types' : 'Top credential types';
    this.charts.draw('types', {
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
}

function isEmpty(summary) {
  const events = Object.values(summary.events || {}).reduce((sum, n) => sum + n, 0);
  return events === 0 && !summary.credentials_issued && !summary.views && !summary.shares;
}

function renderFreshness(instant, zone) {
  const freshness = $('freshness');
  const time = new Date(instant).toLocaleTimeString(undefined,
    {timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short'});
  freshness.textContent = `As of ${time}`;
  freshness.dataset.value = new Date(instant).toISOString();
  freshness.title = 'Every event acknowledged before this time is counted';
}

function renderKpis(summary) {
  const comparison = summary.comparison || {};
  const changes = comparison.change_percent || {};
  const previous = comparison.previous || {};
  const previousRange = comparison.from && comparison.to
    ? formatRange(parseDate(comparison.from), parseDate(comparison.to))
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
