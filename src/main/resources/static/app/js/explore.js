// The interactive chart (ECharts, from the WebJar): runs, the fitted curve with its band, and a second fit to
// compare. Tooltips use ECharts' rich-text mode, drawn on the canvas, so no value ever becomes HTML.
import { call } from './api.js';
import { count, sci, fixed, sig } from './dom.js';

const AXES = {
  flops: { label: 'Training compute C (FLOPs)', of: (run) => run.flops, format: sci },
  parameters: { label: 'Model size N', of: (run) => run.parameters, format: count },
  tokens: { label: 'Training tokens D', of: (run) => run.tokens, format: count },
};

/** What the curve holds fixed, in words: "Curve at D = 1.4T tokens (held fixed)". */
export function heldText(axis, curve) {
  if (axis === 'flops') return 'Curve along the compute-optimal frontier: N and D both grow with C.';
  if (!curve || curve.fixed == null) return '';
  return axis === 'parameters'
    ? `Curve against N at D = ${count(curve.fixed)} tokens (${sig(curve.fixed)}), held fixed; runs of every D are shown.`
    : `Curve against D at N = ${count(curve.fixed)} parameters (${sig(curve.fixed)}), held fixed; runs of every N are shown.`;
}
const COLOURS = ['#1f4e9a', '#d62728'];

export class Explorer {
  constructor(container) {
    this.container = container;
    this.chart = null;
    this.runs = { key: null, list: [] };
    this.generation = 0;
    window.addEventListener('resize', () => this.chart && this.chart.resize());
  }

  async runsOf(projectPath, revisionKey) {
    if (this.runs.key !== revisionKey) {
      const page = (await call('GET', `${projectPath}/runs?size=1000`)).body;
      this.runs = { key: revisionKey, list: page.content, total: page.totalElements };
    }
    return this.runs;
  }

  /** Empties the chart: a failed or pending choice never leaves another fit's curve on show. */
  clear() {
    if (this.chart) this.chart.clear();
  }

  /**
   * Draws `fit` (and `compare`) along `axis`, the other variable held at `held` (default: the server's, the
   * largest observed). Answers the curve of `fit`, or null when a newer call superseded this one.
   */
  async show({ projectPath, fit, compare, axis, held, bands, bandKind = 'confidence', logX, logY }) {
    if (!window.echarts) throw new Error('The chart library did not load.');
    const generation = ++this.generation;
    const fixedQuery = axis !== 'flops' && held ? `&fixed=${encodeURIComponent(held)}` : '';
    const curve = (f) => call('GET', `${projectPath}/fits/${f.id}/curve?axis=${axis}&points=80&band=${encodeURIComponent(bandKind)}${fixedQuery}`);
    let runs; let main; let other;
    try {
      [runs, main, other] = await Promise.all([
        this.runsOf(projectPath, `${projectPath}#${fit.dataRevision}#${fit.id}`), curve(fit),
        compare && compare.id !== fit.id ? curve(compare) : Promise.resolve(null)]);
    } catch (e) {
      if (generation === this.generation) this.clear();
      throw e;
    }
    if (generation !== this.generation) return null; // a newer choice is being drawn
    const spec = AXES[axis];
    const series = [{
      name: `runs (${runs.list.length}${runs.total > runs.list.length ? ' of ' + runs.total : ''})`, type: 'scatter',
      symbolSize: 7, itemStyle: { color: '#5a6372', opacity: 0.8 },
      data: runs.list.map((r) => ({ value: [spec.of(r), r.loss], run: r })),
    }];
    [[fit, main.body], [compare, other && other.body]].forEach(([f, c], i) => {
      if (!f || !c) return;
      const name = `${f.form} fit ${f.id}`;
      series.push({ name, type: 'line', showSymbol: false, lineStyle: { width: 2.5, color: COLOURS[i] },
        itemStyle: { color: COLOURS[i] }, data: c.points.map((p) => ({ value: [p.x, p.loss], point: p })) });
      if (bands) series.push(band(`${name}: ${Math.round(100 * c.confidenceLevel)}% ${c.band || bandKind} band`, c.points, COLOURS[i]));
    });
    if (!this.chart) this.chart = window.echarts.init(this.container, null, { renderer: 'canvas' });
    this.chart.setOption({
      animation: false,
      grid: { left: 64, right: 24, top: 48, bottom: 56 },
      legend: { top: 8, type: 'scroll' },
      tooltip: { trigger: 'item', renderMode: 'richText', formatter: (item) => describe(item, spec) },
      xAxis: { type: logX ? 'log' : 'value', name: spec.label, nameLocation: 'middle', nameGap: 32,
        axisLabel: { formatter: (v) => spec.format(v) }, splitLine: { show: true } },
      yAxis: { type: logY ? 'log' : 'value', name: 'loss', scale: true,
        axisLabel: { formatter: (v) => fixed(v, 2) } },
      dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }],
      series,
    }, true);
    return main.body;
  }
}

/** The band as one polygon (upper edge forward, lower edge back), drawn by a custom series in axis coordinates. */
function band(name, points, colour) {
  return {
    name, type: 'custom', silent: true, clip: true, itemStyle: { color: colour },
    data: points.flatMap((p) => [[p.x, p.lower], [p.x, p.upper]]),
    renderItem: (params, api) => {
      if (params.dataIndex !== 0) return null;
      const edge = points.map((p) => api.coord([p.x, p.upper]))
        .concat(points.slice().reverse().map((p) => api.coord([p.x, p.lower])));
      return { type: 'polygon', shape: { points: edge }, style: { fill: colour, opacity: 0.18 } };
    },
  };
}

function describe(item, spec) {
  const data = item.data || {};
  if (data.run) {
    const r = data.run;
    return [`run ${r.id}${r.externalId ? ' · ' + r.externalId : ''}`, `N ${count(r.parameters)} · D ${count(r.tokens)}`,
      `C ${sci(r.flops)} · loss ${sig(r.loss)}`, r.dataset ? `dataset ${r.dataset}` : ''].filter(Boolean).join('\n');
  }
  if (data.point) {
    const p = data.point;
    return `${item.seriesName}\n${spec.format(p.x)}: loss ${sig(p.loss)}\nband ${sig(p.lower)} – ${sig(p.upper)}`;
  }
  return item.seriesName;
}
