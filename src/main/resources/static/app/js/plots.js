// The server's SVG plots of a fit (the images dashboards embed), each with a download link.
import { call } from './api.js';
import { el, $ } from './dom.js';
import { projectPath } from './state.js';

let shownUrls = [];
let generation = 0;

/** An <img> of a server plot, its object URL kept in `urls` so that it can be revoked when replaced. */
export async function image(path, alt, urls, size = { width: 900, height: 560 }) {
  const response = await call('GET', path, { asBlob: true, accept: 'image/svg+xml' });
  const url = URL.createObjectURL(response.body);
  urls.push(url);
  return el('img', { src: url, alt, width: size.width, height: size.height });
}

/** A link that saves an image already loaded under an object URL. */
export function download(img, fileName) {
  return el('a', { class: 'download', href: img.getAttribute('src'), download: fileName }, `Download ${fileName}`);
}

function kindsOf(fit) {
  if (fit.form === 'chinchilla' || fit.form === 'kaplan') return ['loss-vs-compute', 'isoflop', 'residuals'];
  if (fit.form === 'power-law-flops') return ['loss-vs-compute', 'residuals'];
  return ['residuals'];
}

/** The server's plots of a fit; a newer call (another fit, a new plan) wins over one still loading. */
export async function showPlots(fit) {
  const mine = ++generation;
  const urls = [];
  const box = $('#plots');
  box.setAttribute('aria-busy', 'true');
  box.dataset.fit = '';
  const figures = [];
  for (const kind of kindsOf(fit)) {
    const figure = el('figure', { 'data-kind': kind });
    try {
      const img = await image(projectPath(`/fits/${fit.id}/plots/${kind}`), `${kind} plot of fit ${fit.id}`, urls);
      figure.append(img, el('figcaption', {}, `${kind} · fit ${fit.id} `, download(img, `fit-${fit.id}-${kind}.svg`)));
    } catch (e) { figure.append(el('p', { class: 'problem' }, e.message)); }
    figures.push(figure);
    if (mine !== generation) break;
  }
  if (mine !== generation) { urls.forEach((url) => URL.revokeObjectURL(url)); return; }
  shownUrls.forEach((url) => URL.revokeObjectURL(url));
  shownUrls = urls;
  box.replaceChildren(...figures);
  box.dataset.fit = String(fit.id);
  box.removeAttribute('aria-busy');
}
