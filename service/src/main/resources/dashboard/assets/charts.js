/*
 * The page's ECharts instances (window.echarts, from the WebJar loaded before the modules), one
 * per [data-chart] container, and the option pieces the charts share. Every draw counts itself in
 * the container's data-draws, so a test can tell a redraw from none.
 */
import {escapeHtml, formatCount} from './format.js';

export const COLORS = {issued: '#2563eb', recipients: '#0d9488', views: '#7c3aed', shares: '#ea580c'};
export const TEXT = '#334155';
export const MUTED = '#64748b';
export const GRID_LINE = '#e2e8f0';

export class Charts {
  constructor() {
    this.charts = {};
    this.resizeFrame = 0;
    this.reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  }

  draw(name, option) {
    let chart = this.charts[name];
    const container = document.querySelector(`[data-chart="${name}"]`);
    if (!chart) {
      chart = window.echarts.init(container, null, {renderer: 'canvas'});
      this.charts[name] = chart;
    }
    chart.setOption({
      animation: !this.reducedMotion,
      animationDuration: 400,
      animationDurationUpdate: 300,
      textStyle: {fontFamily: getComputedStyle(document.body).fontFamily},
      ...option,
    });
    container.dataset.draws = String(Number(container.dataset.draws || 0) + 1);
  }

  /** Resizes once per animation frame, however many resize events came. */
  scheduleResize() {
    window.cancelAnimationFrame(this.resizeFrame);
    this.resizeFrame = window.requestAnimationFrame(() => this.resize());
  }

  resize() {
    Object.values(this.charts).forEach((chart) => chart.resize());
  }

  clear() {
    Object.values(this.charts).forEach((chart) => chart.clear());
  }

  dispose() {
    Object.values(this.charts).forEach((chart) => chart.dispose());
    this.charts = {};
  }
}

export function legend() {
  return {top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 12, textStyle: {color: TEXT}};
}

export function grid() {
  return {left: 8, right: 12, top: 36, bottom: 4, containLabel: true};
}

export function axisTooltip(labels) {
  return {
    trigger: 'axis',
    axisPointer: {type: 'shadow'},
    formatter: (items) => {
      const rows = items.map((item) => `${item.marker}${escapeHtml(item.seriesName)}: <b>${formatCount(item.value)}</b>`);
      return [escapeHtml(labels[items[0].dataIndex]), ...rows].join('<br>');
    },
  };
}

export function categoryAxis(labels) {
  return {
    type: 'category', data: labels,
    axisLine: {lineStyle: {color: GRID_LINE}}, axisTick: {show: false},
    axisLabel: {color: MUTED, hideOverlap: true},
  };
}

export function valueAxis() {
  return {
    type: 'value', minInterval: 1,
    splitLine: {lineStyle: {color: GRID_LINE}},
    axisLabel: {color: MUTED, formatter: (v) => formatCount(v)},
  };
}
