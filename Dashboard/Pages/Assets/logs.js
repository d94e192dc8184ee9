'use strict';
const { el } = lake;
const MaxShown = 2000;
const view = document.getElementById('console');
const resourceSelect = document.getElementById('resource');
const filterInput = document.getElementById('filter');
let after = 0;
let generation = 0;

const initial = new URLSearchParams(location.search);
filterInput.value = initial.get('filter') ?? '';

function restart() {
  after = 0;
  generation++;
  view.replaceChildren();
  const query = new URLSearchParams();
  if (resourceSelect.value) query.set('resource', resourceSelect.value);
  if (filterInput.value) query.set('filter', filterInput.value);
  history.replaceState(null, '', query.size ? `?${query}` : location.pathname);
}

async function refreshResources() {
  const names = (await lake.get('/api/resources')).map(r => r.name);
  const known = [...resourceSelect.options].map(o => o.value);
  for (const name of names.filter(n => !known.includes(n))) resourceSelect.append(el('option', { value: name }, name));
  const wanted = initial.get('resource');
  if (wanted && resourceSelect.value !== wanted && names.includes(wanted) && after === 0) {
    resourceSelect.value = wanted;
    restart();
  }
}

async function refreshLines() {
  const mine = generation;
  const query = new URLSearchParams({ after: String(after) });
  if (resourceSelect.value) query.set('resource', resourceSelect.value);
  if (filterInput.value) query.set('filter', filterInput.value);
  const page = await lake.get(`/api/console?${query}`);
  if (mine !== generation) return;
  after = page.last;
  view.append(...page.lines.map(l => el('div', { class: l.isError ? 'line error' : 'line' },
    el('span', { class: 'time' }, lake.time(l.timestamp)),
    el('span', { class: 'resource' }, l.resource),
    l.text)));
  while (view.childElementCount > MaxShown) view.firstElementChild.remove();
  document.getElementById('count').textContent = `${view.childElementCount} lines`;
  if (document.getElementById('follow').checked && page.lines.length) view.scrollTop = view.scrollHeight;
}

resourceSelect.addEventListener('change', restart);
filterInput.addEventListener('input', restart);
lake.poll(refreshResources, 5000);
lake.poll(refreshLines, 1000);
