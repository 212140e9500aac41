// The rpc-parallel dashboard: one event stream from the master, redrawn on every event.
'use strict';
(function () {
  const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
  const MAX_LOGS = 1000;
  const logs = [];
  const jobHistory = new Map(); // job id -> throughput samples (items/s between events)
  let lastSnapshot = null;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else e.setAttribute(k, v);
    }
    for (const c of children) {
      e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
    }
    return e;
  }
  function num(v, digits) { return el('td', { class: 'num' }, v == null ? '–' : (digits == null ? v : v.toFixed(digits))); }
  function millis(v) { return num(v == null ? null : (v < 10 ? v.toFixed(2) : v.toFixed(0)) + ' ms'); }
  function duration(ms) {
    const s = Math.floor(ms / 1000);
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + (s % 60) + 's';
    return Math.floor(s / 3600) + 'h ' + Math.floor(s % 3600 / 60) + 'm';
  }
  function bytes(b) { return b == null ? null : (b / 1048576).toFixed(0) + ' MiB'; }
  function spark(values) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('viewBox', '0 0 180 22');
    svg.setAttribute('preserveAspectRatio', 'none');
    const max = Math.max(1, ...values);
    const step = values.length > 1 ? 180 / (values.length - 1) : 0;
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', values.map((v, i) => (i * step).toFixed(1) + ',' + (21 - v / max * 20).toFixed(1)).join(' '));
    svg.append(line);
    return svg;
  }
  function fill(id, rows) {
    const body = document.querySelector('#' + id + ' tbody');
    body.replaceChildren(...rows);
  }

  function workers(list) {
    document.getElementById('worker-count').textContent =
      list.filter(w => w.state === 'up').length + ' up, ' +
      list.filter(w => w.state === 'stalled').length + ' stalled, ' + list.length + ' in all';
    fill('workers', list.map(w => {
      const state = w.state === 'dead' ? 'dead (exit ' + w.exitStatus + ')'
        : w.state === 'stalled' ? 'stalled (' + duration(w.quietMillis) + ' quiet)' : w.state;
      return el('tr', { 'data-worker-id': w.id, 'data-name': w.name, 'data-state': w.state, 'data-pid': w.pid == null ? '' : w.pid },
        el('td', {}, w.name), el('td', { class: 'muted' }, w.id), el('td', {}, w.interface.replace(/^.*\./, '')),
        el('td', {}, w.how === 'local' ? (w.host || 'this machine') : (w.host || '')), num(w.pid),
        el('td', {}, w.how), el('td', {}, w.shutdownOn),
        el('td', {}, el('span', { class: 'state state-' + w.state }, state)),
        num(duration(w.uptimeMillis)), num(w.cpuPercent == null ? null : w.cpuPercent.toFixed(0) + '%'),
        num(bytes(w.rssBytes)), num(bytes(w.heapUsedBytes)), num(w.connections), num(w.callsInFlight),
        num(w.streamsOpen));
    }));
  }

  function methods(list) {
    fill('methods', list.map(m => el('tr', { 'data-method': m.method },
      el('td', {}, m.method), num(m.ratePerSecond, 1), num(m.calls), num(m.errors),
      millis(m.p50Millis), millis(m.p90Millis), millis(m.p99Millis), millis(m.maxMillis),
      el('td', {}, spark(m.perSecond)))));
  }

  function size(b) {
    if (b < 1024) return b.toFixed(0) + ' B';
    if (b < 1048576) return (b / 1024).toFixed(1) + ' KiB';
    if (b < 1073741824) return (b / 1048576).toFixed(1) + ' MiB';
    return (b / 1073741824).toFixed(2) + ' GiB';
  }

  function streams(list) {
    document.getElementById('stream-count').textContent = list.filter(s => !s.builtin).length + ' open'
      + (list.some(s => s.builtin) ? ' (+ ' + list.filter(s => s.builtin).length + ' built-in)' : '');
    fill('streams', list.map(s => el('tr', { 'data-worker-id': s.workerId, 'data-method': s.method,
        'data-direction': s.direction, 'data-items-per-second': s.itemsPerSecond == null ? '' : s.itemsPerSecond, class: s.builtin ? 'muted' : '' },
      el('td', {}, s.worker), num(s.id), el('td', {}, s.method),
      el('td', {}, s.direction === 'in' ? 'worker \u2192 here' : 'here \u2192 worker'),
      num(s.itemsPerSecond, 1), num(s.bytesPerSecond == null ? null : size(s.bytesPerSecond) + '/s'), num(s.items),
      num(size(s.bytes)),
      num(duration(s.openMillis)))));
  }

  function jobs(list, previous) {
    const before = new Map((previous || []).map(j => [j.id, j]));
    fill('jobs', list.map(j => {
      const history = jobHistory.get(j.id) || [];
      const p = before.get(j.id);
      if (p && !j.ended && j.elapsedMillis > p.elapsedMillis) {
        history.push((j.done - p.done) * 1000 / (j.elapsedMillis - p.elapsedMillis));
        if (history.length > 120) history.shift();
      }
      jobHistory.set(j.id, history);
      const fraction = j.total ? j.done / j.total : 0;
      const state = j.error ? 'failed' : (j.ended ? 'done' : 'running');
      const filled = el('div', {});
      filled.style.width = (100 * fraction).toFixed(1) + '%'; // through the CSSOM: the page allows no inline styles
      return el('tr', { 'data-job-id': j.id, 'data-done': j.done },
        el('td', {}, 'map-reduce #' + j.id),
        el('td', {}, el('div', { class: 'bar' }, filled)),
        num(j.done + (j.total == null ? '' : ' / ' + j.total)), num(j.throughput, 1),
        el('td', {}, spark(history.length ? history : [0])), num(j.workers), num(j.retried),
        el('td', { class: j.failedInputs.length ? 'lvl-ERROR' : '' },
          j.failed + (j.failedInputs.length ? ' (inputs ' + j.failedInputs.join(', ') + ')' : '')),
        el('td', { title: j.error || '' }, state));
    }));
  }

  function addLogs(lines) {
    for (const l of lines) logs.push(l);
    if (logs.length > MAX_LOGS) logs.splice(0, logs.length - MAX_LOGS);
  }

  function drawLogs(workerList) {
    const select = document.getElementById('log-worker');
    const known = new Set([...select.options].map(o => o.value));
    for (const w of workerList) {
      if (!known.has(w.id)) select.append(el('option', { value: w.id }, w.name));
    }
    const worker = select.value;
    const level = LEVELS.indexOf(document.getElementById('log-level').value);
    const box = document.getElementById('logs');
    const atEnd = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
    box.replaceChildren(...logs
      .filter(l => (!worker || l.workerId === worker) && LEVELS.indexOf(l.level) >= level)
      .map(l => el('div', { class: 'log lvl-' + l.level, 'data-worker-id': l.workerId },
        new Date(l.time).toISOString().substring(11, 23) + ' ', el('span', { class: 'w' }, '[' + l.worker + ']'),
        ' ' + l.level + ' ' + l.logger.replace(/^.*\./, '') + ' - ' + l.message + (l.throwable ? '\n' + l.throwable : ''))));
    if (atEnd) box.scrollTop = box.scrollHeight;
  }

  function draw(s) {
    document.getElementById('master').textContent = 'master pid ' + s.master.pid + ' on ' + s.master.host;
    workers(s.workers);
    methods(s.methods);
    streams(s.streams);
    jobs(s.jobs, lastSnapshot && lastSnapshot.jobs);
    addLogs(s.logs);
    drawLogs(s.workers);
    lastSnapshot = s;
  }

  function start() {
    const status = document.getElementById('status');
    const source = new EventSource('events' + location.search);
    source.onopen = () => { status.textContent = 'live'; };
    source.onerror = () => { status.textContent = 'disconnected, retrying…'; };
    source.onmessage = e => {
      draw(JSON.parse(e.data));
      status.textContent = 'live · ' + new Date().toLocaleTimeString();
    };
    for (const id of ['log-worker', 'log-level']) {
      document.getElementById(id).addEventListener('change', () => lastSnapshot && drawLogs(lastSnapshot.workers));
    }
  }
  start();
})();
