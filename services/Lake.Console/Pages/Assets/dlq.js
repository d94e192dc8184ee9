'use strict';
const { el } = lake;
const results = {};

async function redrive(queue, button) {
  button.disabled = true;
  try {
    const r = await lake.post(`/api/dlq/${encodeURIComponent(queue)}/redrive`);
    results[queue] = `Moved ${r.moved} message(s) back to the work queue${r.failed ? `; ${r.failed} refused` : ''}.`;
  } catch (error) {
    results[queue] = `Redrive failed: ${error.message}`;
  }
  button.disabled = false;
  await refresh();
}

async function refresh() {
  const queues = await lake.get('/api/dlq');
  lake.show(document.getElementById('queues'), queues.map(q => {
    const button = el('button', { type: 'button', 'data-redrive': q.queue }, 'Redrive');
    button.disabled = q.deadLetters.waiting === 0;
    button.addEventListener('click', () => redrive(q.queue, button));
    return el('section', { class: 'panel', 'data-queue': q.queue },
      el('h2', {}, q.deadLetters.name, ' → ', q.source.name),
      el('div', { class: 'toolbar' },
        el('span', { class: 'depth' }, `${q.deadLetters.waiting} dead letters`),
        el('span', { class: 'muted' }, `(${q.deadLetters.inFlight} held) · work queue: ${q.source.waiting} waiting, ${q.source.inFlight} in flight`),
        q.deadLetters.exists ? button : el('span', { class: 'muted' }, 'not provisioned'),
        el('span', { class: 'result' }, results[q.queue] ?? '')),
      q.sample.length
        ? el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Sent'), el('th', { class: 'num' }, 'Receives'), el('th', {}, 'Message id'), el('th', {}, 'Body'))),
          el('tbody', {}, q.sample.map(m => el('tr', { 'data-message': m.messageId },
            el('td', { class: 'muted' }, lake.dateTime(m.sentAt)), el('td', { class: 'num' }, m.receiveCount),
            el('td', { class: 'mono' }, m.messageId), el('td', {}, el('pre', {}, m.body))))))
        : el('p', { class: 'empty' }, 'Empty.'));
  }));
}

lake.poll(refresh, 3000);
