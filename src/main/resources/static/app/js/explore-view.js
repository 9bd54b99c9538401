// The Explore card: which fit, which axis, what is held fixed; draws the chart and the server's plots, with a
// loading state, and never shows another fit than the selected one (older answers are dropped).
import { el, $ } from './dom.js';
import { state, guarded, projectPath, on } from './state.js';
import { Explorer, heldText } from './explore.js';
import { renderFit } from './fitting.js';
import { showPlots } from './plots.js';

let explorer = null;
let generation = 0;

function selected(id) { return state.fits.find((f) => String(f.id) === String(id)); }

export async function explore() {
  const fit = selected($('#explore-fit').value);
  if (!fit) return;
  const mine = ++generation;
  renderFit(fit);
  if (!explorer) explorer = new Explorer($('#chart'));
  const axis = $('#explore-axis').value;
  $('#explore-held-box').hidden = axis === 'flops';
  $('#explore-held-label').textContent = axis === 'parameters' ? 'at D (tokens)' : 'at N (parameters)';
  const chart = $('#chart');
  chart.setAttribute('aria-busy', 'true');
  chart.dataset.fit = '';
  $('#chart-state').textContent = `Loading ${fit.form} fit ${fit.id}…`;
  $('#explore-held').textContent = '';
  const plots = showPlots(fit);
  const curve = await guarded(() => explorer.show({
    projectPath: projectPath(), fit, compare: selected($('#explore-compare').value), axis,
    held: $('#explore-held-input').value.trim(),
    bands: $('#explore-bands').checked, bandKind: $('#explore-band-kind').value, logX: $('#explore-logx').checked, logY: $('#explore-logy').checked,
  }));
  if (mine === generation) {
    chart.removeAttribute('aria-busy');
    if (curve) {
      chart.dataset.fit = String(fit.id);
      $('#chart-state').textContent = `Showing ${fit.form} fit ${fit.id}.`;
      $('#explore-held').textContent = heldText(axis, curve);
    } else {
      $('#chart-state').textContent = `Fit ${fit.id} could not be drawn; see the message above.`;
    }
  }
  await plots;
}

/** Lists the law fits in the two selects and shows `selectId` (or the newest). */
async function fitsLoaded({ selectId } = {}) {
  $('#explore').hidden = state.fits.length === 0;
  $('#explore-fit').replaceChildren(...state.fits.map((f) => el('option', { value: f.id },
    `${f.form} fit ${f.id} · ${f.runsUsed} runs${f.stale ? ' · stale' : ''}`)));
  $('#explore-compare').replaceChildren(el('option', { value: '' }, 'nothing'),
    ...state.fits.map((f) => el('option', { value: f.id }, `${f.form} fit ${f.id}`)));
  const chosen = (selectId && selected(selectId)) || state.fits[0];
  if (!chosen) {
    const other = state.allFits.find((f) => f.id === selectId);
    if (other) renderFit(other);
    return;
  }
  $('#explore-fit').value = String(chosen.id);
  await explore();
}

on('fits', fitsLoaded);
on('select-fit', async (id) => {
  if (selected(id)) { $('#explore-fit').value = String(id); await explore(); return; }
  const other = state.allFits.find((f) => f.id === id);
  if (other) renderFit(other);
});

['#explore-fit', '#explore-compare', '#explore-axis', '#explore-bands', '#explore-band-kind', '#explore-logx', '#explore-logy']
  .forEach((id) => $(id).addEventListener('change', explore));
$('#explore-held-input').addEventListener('change', explore);
// Enter in the held value applies it; the form never submits (that would reload the page).
$('#explore-form').addEventListener('submit', (event) => { event.preventDefault(); explore(); });
$('#chart-download').addEventListener('click', () => {
  if (!explorer || !explorer.chart) return;
  const link = el('a', { href: explorer.chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }),
    download: `fit-${$('#explore-fit').value}-${$('#explore-axis').value}.png` });
  document.body.append(link);
  link.click();
  link.remove();
});
