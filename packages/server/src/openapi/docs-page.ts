/**
 * A self-contained page that renders /api/openapi.json: no CDN, no external script or style (the
 * content security policy forbids any). When the API needs a token, the page asks for one and
 * keeps it in sessionStorage. Everything from the document is inserted as text, never as HTML.
 */
export const DOCS_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Weft API</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f7f8fa; }
  header { background: #1d2330; color: #fff; padding: 16px 32px; display: flex; gap: 16px; align-items: center; }
  header h1 { font-size: 20px; margin: 0; flex: 1; }
  main { max-width: 1100px; margin: 0 auto; padding: 16px 32px 64px; }
  h2 { margin-top: 32px; border-bottom: 1px solid #d5d9e0; padding-bottom: 4px; }
  details { background: #fff; border: 1px solid #d5d9e0; border-radius: 6px; margin: 8px 0; }
  summary { cursor: pointer; padding: 8px 12px; display: flex; gap: 12px; align-items: baseline; }
  .method { font: bold 12px monospace; padding: 2px 6px; border-radius: 4px; color: #fff; min-width: 52px; text-align: center; }
  .GET { background: #2f7d32; } .POST { background: #1f5fbf; } .PUT { background: #a66300; } .DELETE { background: #b3261e; } .PATCH { background: #6b3fa0; }
  .path { font-family: monospace; font-weight: 600; }
  .body { padding: 0 16px 12px; }
  pre { background: #f0f2f5; padding: 8px; border-radius: 4px; overflow: auto; max-height: 360px; font-size: 12px; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  td, th { text-align: left; border-bottom: 1px solid #e3e6eb; padding: 4px 8px; vertical-align: top; }
  code { font-size: 13px; }
  #auth { display: none; gap: 8px; }
  input { font: inherit; padding: 4px 8px; width: 320px; }
  .error { color: #b3261e; }
</style>
</head>
<body>
<header><h1>Weft API</h1><form id="auth"><input id="token" type="password" placeholder="API token (weft_…)" autocomplete="off"><button>Use token</button></form></header>
<main id="main"><p>Loading the OpenAPI document…</p></main>
<script>
(() => {
  const main = document.getElementById('main');
  const authForm = document.getElementById('auth');
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children) if (child != null) node.append(child);
    return node;
  };
  const json = (value) => el('pre', {}, JSON.stringify(value, null, 2));
  authForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('weft-token', document.getElementById('token').value.trim());
    load();
  });
  async function load() {
    const token = sessionStorage.getItem('weft-token');
    const response = await fetch('openapi.json', { headers: token ? { authorization: 'Bearer ' + token } : {} });
    if (response.status === 401) {
      authForm.style.display = 'flex';
      main.replaceChildren(el('p', { class: 'error' }, 'This API needs a token: enter one above.'));
      return;
    }
    if (!response.ok) {
      main.replaceChildren(el('p', { class: 'error' }, 'Could not load openapi.json: HTTP ' + response.status));
      return;
    }
    render(await response.json());
  }
  function render(doc) {
    const sections = [el('p', {}, doc.info.description), el('p', {}, 'Version ' + doc.info.version + ' · ', el('a', { href: 'openapi.json' }, 'openapi.json'))];
    for (const tag of doc.tags) {
      sections.push(el('h2', {}, tag.name), el('p', {}, tag.description));
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          if (!op.tags.includes(tag.name)) continue;
          sections.push(operation(path, method.toUpperCase(), op));
        }
      }
    }
    sections.push(el('h2', { id: 'schemas' }, 'Schemas'));
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      sections.push(el('details', { id: 'schema-' + name }, el('summary', {}, el('span', { class: 'path' }, name)), el('div', { class: 'body' }, json(schema))));
    }
    main.replaceChildren(...sections);
  }
  function operation(path, method, op) {
    const body = el('div', { class: 'body' });
    if (op.description) body.append(el('p', {}, op.description));
    if (op.parameters && op.parameters.length) {
      const rows = op.parameters.map((p) => el('tr', {}, el('td', {}, el('code', {}, p.name)), el('td', {}, p.in), el('td', {}, p.required ? 'required' : ''), el('td', {}, (p.schema && p.schema.type) || ''), el('td', {}, p.description || '')));
      body.append(el('h4', {}, 'Parameters'), el('table', {}, el('tr', {}, el('th', {}, 'name'), el('th', {}, 'in'), el('th', {}, ''), el('th', {}, 'type'), el('th', {}, '')), ...rows));
    }
    if (op.requestBody) {
      for (const [type, media] of Object.entries(op.requestBody.content)) body.append(el('h4', {}, 'Body (' + type + ')'), json(media.schema));
    }
    body.append(el('h4', {}, 'Responses'));
    for (const [status, response] of Object.entries(op.responses)) {
      body.append(el('p', {}, el('strong', {}, status), ' ' + response.description));
      const content = response.content && Object.entries(response.content)[0];
      if (content && status < '400') body.append(el('p', {}, el('code', {}, content[0])), json(content[1].schema));
    }
    if (op.security && op.security.length === 0) body.append(el('p', {}, 'No token needed.'));
    return el('details', {}, el('summary', {}, el('span', { class: 'method ' + method }, method), el('span', { class: 'path' }, path), el('span', {}, op.summary)), body);
  }
  load().catch((error) => main.replaceChildren(el('p', { class: 'error' }, String(error))));
})();
</script>
</body>
</html>
`;

/** Only inline script and style, and requests to this origin. */
export const DOCS_PAGE_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
