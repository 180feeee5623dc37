// Steward console: one page, no framework, no build step. Every call is an ordinary signed API request
// with the bearer token typed at sign-in, kept in this closure only (never in storage). Data is put into
// the page with textContent, never as HTML. What the caller's role may not do is not rendered at all;
// the gateway still decides every request.
(() => {
  'use strict';

  const RANK = { none: 0, metrics: 1, auditor: 2, operator: 3, admin: 4 };
  const session = { token: null, who: null };
  let streams = [];

  const $ = (id) => document.getElementById(id);

  /** el('td', {class: 'id'}, 'text', child...) */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function may(role) {
    return session.who !== null && RANK[session.who.role] >= RANK[role];
  }

  function notify(text) {
    const status = $('status');
    status.textContent = text;
    status.classList.add('shown');
    setTimeout(() => status.classList.remove('shown'), 4000);
  }

  class ApiError extends Error {
    constructor(status, problem) {
      super(`${status} ${problem.code || problem.title || ''}: ${problem.detail || problem.message || ''}`.trim());
      this.status = status;
    }
  }

  async function api(method, path, body, contentType) {
    const headers = { Authorization: 'Bearer ' + session.token, Accept: 'application/json, application/problem+json' };
    let payload;
    if (body instanceof FormData) {
      payload = body; // the browser writes the multipart Content-Type with its boundary
    } else if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/json';
      payload = contentType ? body : JSON.stringify(body);
    }
    const response = await fetch(path, { method, headers, body: payload, credentials: 'omit', cache: 'no-store' });
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) throw new ApiError(response.status, json || { detail: text });
    return json;
  }

  function table(rows, columns, caption) {
    if (!rows || rows.length === 0) return el('p', { class: 'hint' }, 'None.');
    return el('table', {},
      caption ? el('caption', { class: 'hint' }, caption) : null,
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c.title)))),
      el('tbody', {}, rows.map((row) => el('tr', {}, columns.map((c) => {
        const value = c.value(row);
        return el('td', { class: c.id ? 'id' : null }, value instanceof Node ? value : (value === null || value === undefined ? '-' : String(value)));
      })))));
  }

  const bytes = (n) => {
    if (n === null || n === undefined) return '-';
    const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
    let i = 0; let v = n;
    while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
    return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
  };

  /** A form of labelled inputs (marked data-write: only offered to roles that may write); onSubmit gets the values by name and reports failures in the page. */
  function form(id, fields, submitLabel, onSubmit) {
    const errorLine = el('p', { class: 'error', role: 'alert' });
    const node = el('form', { id, 'data-write': true },
      fields.map((f) => f.type === 'checkbox'
        ? el('label', { class: 'check' }, el('input', { type: 'checkbox', name: f.name, id: `${id}-${f.name}` }), f.label)
        : el('label', {}, f.label, el('input', { name: f.name, id: `${id}-${f.name}`, type: f.type || 'text', required: f.required,
          placeholder: f.placeholder, accept: f.accept }))),
      el('button', { type: 'submit', id: `${id}-submit` }, submitLabel), errorLine);
    node.addEventListener('submit', async (event) => {
      event.preventDefault();
      errorLine.textContent = '';
      const values = {};
      for (const f of fields) {
        const input = node.elements[f.name];
        values[f.name] = f.type === 'checkbox' ? input.checked : f.type === 'file' ? input.files[0] : input.value.trim();
      }
      try {
        await onSubmit(values);
      } catch (e) {
        errorLine.textContent = e.message;
      }
    });
    return node;
  }

  // ---- pages ----

  async function overview() {
    const [health, nodes, layout, partitions] = await Promise.all([
      api('GET', '/v0/health'), api('GET', '/steward/v1/nodes'), api('GET', '/v0/layout'), api('GET', '/steward/v1/layout/partitions')]);
    const card = (label, value, cls) => el('div', { class: 'card' }, el('div', { class: `value ${cls || ''}` }, value), el('div', { class: 'label' }, label));
    return [
      el('h2', {}, 'Cluster overview'),
      el('div', { class: 'cards' },
        card('health', health.status, health.status),
        card('nodes connected', `${health.connected_nodes} / ${health.known_nodes}`),
        card('storage nodes up', `${health.storage_nodes_ok} / ${health.storage_nodes}`),
        card('partitions with quorum', `${health.partitions_quorum} / ${health.partitions}`),
        card('layout version', layout.version)),
      el('h3', {}, 'Nodes'),
      table(nodes, [
        { title: 'Node', id: true, value: (n) => n.nodeId },
        { title: 'Host', value: (n) => n.hostname },
        { title: 'Zone', value: (n) => (layout.roles[n.nodeId] || {}).zone },
        { title: 'Capacity', value: (n) => bytes((layout.roles[n.nodeId] || {}).capacity) },
        { title: 'Disk free', value: (n) => n.dataBytesTotal ? `${bytes(n.dataBytesFree)} of ${bytes(n.dataBytesTotal)}` : '-' },
        { title: 'Partitions', value: (n) => partitions.partitionsPerNode[n.nodeId] || 0 },
        { title: 'State', value: (n) => el('span', { class: n.isUp ? 'up' : 'down' }, n.isUp ? 'up' : 'down') },
      ])];
  }

  async function layoutPage() {
    const layout = await api('GET', '/v0/layout');
    const roles = Object.entries(layout.roles).map(([id, r]) => ({ id, ...r }));
    const staged = Object.entries(layout.stagedRoleChanges).map(([id, r]) => ({ id, ...(r || { remove: true }) }));
    const roleColumns = [
      { title: 'Node', id: true, value: (r) => r.id },
      { title: 'Zone', value: (r) => r.remove ? 'remove' : r.zone },
      { title: 'Capacity', value: (r) => r.remove ? '-' : (r.capacity === null ? 'gateway' : bytes(r.capacity)) },
      { title: 'Tags', value: (r) => (r.tags || []).join(', ') }];
    const previewArea = el('div', { id: 'preview' });
    const parts = [el('h2', {}, `Layout, version ${layout.version}`), table(roles, roleColumns), el('h3', {}, 'Staged changes'), table(staged, roleColumns)];
    if (may('operator')) {
      parts.push(el('h3', {}, 'Stage a role'), form('stage', [
        { name: 'node', label: 'Node id', required: true, placeholder: '64 hex characters' },
        { name: 'zone', label: 'Zone', required: true },
        { name: 'capacity', label: 'Capacity (bytes; empty for a gateway)', type: 'number' },
        { name: 'tags', label: 'Tags (comma separated)' }], 'Stage', async (v) => {
        const tags = v.tags ? v.tags.split(',').map((t) => t.trim()).filter(Boolean) : [];
        await api('POST', '/v0/layout', { [v.node]: { zone: v.zone, capacity: v.capacity ? Number(v.capacity) : null, tags } });
        notify('Staged'); render();
      }));
      parts.push(el('div', {},
        el('button', { type: 'button', id: 'preview-button', 'data-write': true, class: 'secondary', onclick: async () => {
          previewArea.replaceChildren();
          try {
            const p = await api('GET', '/steward/v1/layout/preview');
            previewArea.append(
              el('p', { id: 'preview-summary' }, `Applying version ${p.version} moves ${p.partitionsMoved} partition replica(s).`),
              table(Object.entries(p.partitionsPerNode).map(([node, count]) => ({ node, count })),
                [{ title: 'Node', id: true, value: (r) => r.node }, { title: 'Partitions after apply', value: (r) => r.count }]),
              el('button', { type: 'button', id: 'apply-button', 'data-write': true, onclick: async () => {
                try {
                  await api('POST', '/v0/layout/apply', { version: p.version });
                  notify(`Applied version ${p.version}`); render();
                } catch (e) { previewArea.append(el('p', { class: 'error', role: 'alert' }, e.message)); }
              } }, `Apply version ${p.version}`));
          } catch (e) { previewArea.append(el('p', { class: 'error', role: 'alert' }, e.message)); }
        } }, 'Preview the assignment'), ' ',
        el('button', { type: 'button', id: 'revert-button', 'data-write': true, class: 'secondary', onclick: async () => {
          await api('POST', '/v0/layout/revert', { version: layout.version + 1 });
          notify('Reverted'); render();
        } }, 'Revert staged changes')), previewArea);
    }
    return parts;
  }

  async function buckets() {
    const list = await api('GET', '/v0/bucket');
    const parts = [el('h2', {}, 'Buckets'), table(list, [
      { title: 'Bucket', id: true, value: (b) => b.id },
      { title: 'Global aliases', value: (b) => (b.globalAliases || []).join(', ') },
      { title: 'Local aliases', value: (b) => (b.localAliases || []).map((a) => `${a.alias} (${a.accessKeyId})`).join(', ') }])];
    if (may('operator')) {
      parts.push(el('h3', {}, 'Create a bucket'), form('bucket-create', [{ name: 'alias', label: 'Global alias', required: true }], 'Create', async (v) => {
        await api('POST', '/v0/bucket', { globalAlias: v.alias });
        notify(`Created ${v.alias}`); render();
      }));
      parts.push(el('h3', {}, 'Allow a key'), form('bucket-allow', [
        { name: 'bucket', label: 'Bucket id', required: true }, { name: 'key', label: 'Access key id', required: true },
        { name: 'read', label: 'read', type: 'checkbox' }, { name: 'write', label: 'write', type: 'checkbox' },
        { name: 'owner', label: 'owner', type: 'checkbox' }], 'Allow', async (v) => {
        await api('POST', '/v0/bucket/allow', { bucketId: v.bucket, accessKeyId: v.key, permissions: { read: v.read, write: v.write, owner: v.owner } });
        notify('Allowed'); render();
      }));
    }
    return parts;
  }

  async function keys() {
    const list = await api('GET', '/v0/key');
    const created = el('div', { id: 'key-created' });
    const parts = [el('h2', {}, 'Access keys'), table(list, [{ title: 'Key', id: true, value: (k) => k.id }, { title: 'Name', value: (k) => k.name }])];
    if (may('admin')) {
      parts.push(el('h3', {}, 'Create a key'), form('key-create', [{ name: 'name', label: 'Name', required: true }], 'Create', async (v) => {
        const key = await api('POST', '/v0/key', { name: v.name });
        created.replaceChildren(el('p', {}, `Key ${key.accessKeyId} created. Its secret is shown once:`),
          el('p', { class: 'secret', id: 'key-secret' }, key.secretAccessKey));
        const fresh = await api('GET', '/v0/key');
        parts[1].replaceWith(parts[1] = table(fresh, [{ title: 'Key', id: true, value: (k) => k.id }, { title: 'Name', value: (k) => k.name }]));
      }), created);
    }
    return parts;
  }

  async function volumes() {
    const list = await api('GET', '/v1/volumes');
    const action = (volume, verb) => el('button', { type: 'button', class: 'secondary', 'data-write': true, onclick: async () => {
      try { await api('POST', `/v1/volumes/${encodeURIComponent(volume.name)}/${verb}`, { force: false }); notify(`${verb}: ${volume.name}`); render(); } catch (e) { notify(e.message); }
    } }, verb);
    const columns = [
      { title: 'Volume', value: (v) => v.name }, { title: 'State', value: (v) => v.status }, { title: 'Type', value: (v) => v.type },
      { title: 'Replica', value: (v) => v.replica }, { title: 'Bricks', value: (v) => (v.bricks || []).join(', ') }];
    if (may('operator')) columns.push({ title: 'Actions', value: (v) => el('span', {}, action(v, 'start'), ' ', action(v, 'stop')) });
    return [el('h2', {}, 'Volumes'), table(list, columns)];
  }

  function progressOf(job) {
    return el('span', {}, el('progress', { max: 100, value: job.percentage, 'aria-label': `${job.kind} progress` }),
      ' ', el('span', { class: job.status, 'data-job-state': job.id }, `${job.percentage}% ${job.status}`));
  }

  const jobTable = (list) => table(list, [
    { title: 'Job', id: true, value: (j) => j.id }, { title: 'Kind', value: (j) => j.kind },
    { title: 'Progress', value: progressOf }, { title: 'Error', value: (j) => j.errorCode ? `${j.errorCode} ${j.errorMessage || ''}` : '' },
    { title: 'By', value: (j) => j.requestedBy }, { title: 'Started', value: (j) => new Date(j.createdAt).toLocaleString() }]);

  async function jobs() {
    const recent = () => api('GET', '/steward/v1/jobs?limit=20');
    const live = el('div', { id: 'job-live' });
    const listed = el('div', { id: 'job-list' }, jobTable(await recent()));
    // A Jidoteki 202 names the status URL, not the job: only one of a kind runs, so the newest is the one just started.
    const followNewest = async (kind) => {
      const [job] = await api('GET', `/steward/v1/jobs?kind=${kind}&limit=1`);
      listed.replaceChildren(jobTable(await recent()));
      await follow(job.id, live);
      listed.replaceChildren(jobTable(await recent())); // the job as it ended
    };
    const parts = [el('h2', {}, 'Jobs')];
    if (may('operator')) {
      parts.push(el('button', { type: 'button', id: 'backup-start', 'data-write': true, onclick: async () => {
        try {
          await api('POST', '/api/v1/admin/backup', 'action=START', 'application/x-www-form-urlencoded');
          await followNewest('backup');
        } catch (e) { live.replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message)); }
      } }, 'Start a backup'),
      // Uploaded as the reference's -F update=@file; a refusal shows on the form.
      form('update', [{ name: 'package', label: 'Update package (.enc)', type: 'file', accept: '.enc', required: true }], 'Upload and update',
        async ({ package: file }) => {
          const data = new FormData();
          data.append('update', file, file.name);
          await api('POST', '/api/v1/admin/update', data);
          await followNewest('update');
        }),
      live);
    }
    parts.push(listed);
    return parts;
  }

  /**
   * Follows one job through its server-sent events (GET /steward/v1/jobs/{id}/events) until the server ends
   * the stream. Read with fetch, not EventSource, which cannot send the Authorization header.
   */
  async function follow(id, area) {
    const controller = new AbortController();
    streams.push(controller);
    const draw = (job) => area.replaceChildren(el('p', {}, `${job.kind} ${job.id}: `, progressOf(job)),
      el('pre', { class: 'hint' }, (job.log || []).slice(-5).join('\n')));
    try {
      const response = await fetch(`/steward/v1/jobs/${encodeURIComponent(id)}/events`, {
        headers: { Authorization: 'Bearer ' + session.token, Accept: 'text/event-stream' },
        signal: controller.signal, credentials: 'omit', cache: 'no-store' });
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).split('\n').filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim()).join('\n');
          buffer = buffer.slice(end + 2);
          if (data) draw(JSON.parse(data));
        }
      }
    } catch (e) {
      if (e.name !== 'AbortError') area.append(el('p', { class: 'error', role: 'alert' }, e.message));
    }
  }

  async function audit() {
    const entries = await api('GET', '/steward/v1/audit?limit=200');
    const filters = { actor: '', action: '', result: '' };
    const area = el('div', { id: 'audit-table' });
    const draw = () => area.replaceChildren(table(entries.filter((e) => Object.entries(filters)
      .every(([field, text]) => !text || String(e[field] || '').toLowerCase().includes(text.toLowerCase()))), [
      { title: 'When', value: (e) => new Date(e.occurredAt).toLocaleString() }, { title: 'Actor', value: (e) => e.actor },
      { title: 'Action', value: (e) => e.action }, { title: 'Target', id: true, value: (e) => e.target }, { title: 'Result', value: (e) => e.result },
      { title: 'Service', value: (e) => e.service }, { title: 'From', value: (e) => e.clientIp }]));
    const filterInput = (field) => el('label', {}, `Filter ${field}`, el('input', { id: `audit-${field}`, oninput: (event) => { filters[field] = event.target.value; draw(); } }));
    draw();
    return [el('h2', {}, 'Audit trail'), el('form', { onsubmit: (e) => e.preventDefault() }, filterInput('actor'), filterInput('action'), filterInput('result')), area];
  }

  const PAGES = { overview, layout: layoutPage, buckets, keys, volumes, jobs, audit };

  async function render() {
    streams.forEach((stream) => stream.abort());
    streams = [];
    const name = PAGES[location.hash.slice(1)] ? location.hash.slice(1) : 'overview';
    for (const link of $('nav').querySelectorAll('a')) {
      if (link.getAttribute('href') === '#' + name) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    const page = $('page');
    page.setAttribute('aria-busy', 'true');
    try {
      page.replaceChildren(...[await PAGES[name]()].flat());
      page.dataset.page = name;
    } catch (e) {
      page.replaceChildren(el('h2', {}, name), el('p', { class: 'error', role: 'alert' }, e.message));
      page.dataset.page = name + '-error';
    } finally {
      page.removeAttribute('aria-busy');
    }
  }

  async function signIn(token) {
    session.token = token;
    try {
      session.who = await api('GET', '/steward/v1/whoami');
    } catch (e) {
      session.token = null;
      throw e;
    }
    $('signin').hidden = true;
    $('nav').hidden = false;
    $('signout').hidden = false;
    $('page').hidden = false;
    $('who').textContent = `${session.who.subject} (${session.who.role})`;
    if (!may('auditor')) $('nav').querySelector('a[href="#audit"]').hidden = true;
    await render();
  }

  function signOut() {
    session.token = null;
    session.who = null;
    location.hash = '';
    location.reload();
  }

  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('signin-error').textContent = '';
    try {
      await signIn($('token').value.trim());
      $('token').value = '';
    } catch (e) {
      $('signin-error').textContent = e.status === 401 || e.status === 403 ? 'That token is not valid here.' : e.message;
    }
  });
  $('signout').addEventListener('click', signOut);
  window.addEventListener('hashchange', () => { if (session.token) render(); });
})();
