/**
 * Renders an OpenAPI document as one self-contained HTML page: operations grouped by tag,
 * each with method, path, summary, roles and a JSON example of its body and answers.
 * Rendered on the server, no script and no CDN, so it reads the same on an offline machine.
 */

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked as plain JSON.
type Json = any;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function esc(s: unknown): string {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A plausible JSON value for a schema: its example if it has one, else one built from its shape. */
export function exampleOf(schema: Json, doc: Json, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    return exampleOf(doc.components?.schemas?.[name], doc, depth + 1);
  }
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants)) return exampleOf(variants[0], doc, depth + 1);
  if (Array.isArray(schema.allOf))
    return Object.assign({}, ...schema.allOf.map((s: Json) => exampleOf(s, doc, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleOf(v, doc, depth + 1)]),
      );
    case 'array':
      return [exampleOf(schema.items, doc, depth + 1)];
    case 'string':
      return schema.format === 'date-time' ? '2026-01-01T08:00:00.000Z' : 'string';
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

/** A JSON example of the body, or the media type of a raw one (a PNG upload, the docs page). */
function jsonBlock(content: Json, doc: Json, errorCodes?: string[]): string {
  const schema = content?.['application/json']?.schema;
  if (!schema) {
    const raw = Object.keys(content ?? {});
    return raw.length
      ? `<p class="meta">Raw body: ${raw.map((t) => `<code>${esc(t)}</code>`).join(', ')}</p>`
      : '';
  }
  const example = errorCodes?.length
    ? { error: { code: errorCodes[0], message: '…' } }
    : exampleOf(schema, doc);
  return `<pre>${esc(JSON.stringify(example, null, 2))}</pre>`;
}

function operation(method: string, path: string, op: Json, doc: Json): string {
  const roles: string[] | undefined = op['x-roles'];
  const auth = (op.security ?? []).flatMap((s: Json) => Object.keys(s)).join(', ') || 'none';
  const params = (op.parameters ?? [])
    .map(
      (p: Json) => `<li><code>${esc(p.name)}</code> in ${esc(p.in)}${p.required ? ' (required)' : ''}</li>`,
    )
    .join('');
  const responses = Object.entries(op.responses ?? {})
    .map(
      ([status, r]: [string, Json]) =>
        `<details><summary>${esc(status)} ${esc(r.description ?? '')}</summary>${jsonBlock(r.content, doc, r['x-error-codes'])}</details>`,
    )
    .join('');
  return `<section class="op">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary ?? '')}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}
<p class="meta">Auth: ${esc(auth)}${roles ? ` · Roles: ${roles.map(esc).join(', ')}` : ''}</p>
${params ? `<ul>${params}</ul>` : ''}
${op.requestBody ? `<h4>Request body</h4>${jsonBlock(op.requestBody.content, doc)}` : ''}
<h4>Responses</h4>${responses}
</section>`;
}

/** The whole page for `doc`. */
export function renderDocsPage(doc: Json): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {}) as [string, Json][]) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(operation(method, path, op, doc));
    }
  }
  const tags = [...byTag.keys()].sort();
  const title = esc(doc.info?.title ?? 'API');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h2{border-bottom:2px solid #ddd;margin-top:2.5rem}.op{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.m{display:inline-block;min-width:4.5rem;text-align:center;border-radius:4px;color:#fff;font-size:.85rem;padding:0 .4rem}
.get{background:#1f6feb}.post{background:#1a7f37}.put,.patch{background:#9a6700}.delete{background:#cf222e}
.meta{color:#555;font-size:.9rem}pre{background:#f6f8fa;padding:.5rem;overflow:auto}
</style></head><body>
<h1>${title} <small>${esc(doc.info?.version ?? '')}</small></h1>
${doc.info?.description ? `<p>${esc(doc.info.description)}</p>` : ''}
<p>Machine-readable: <a href="/api/docs/openapi.json">openapi.json</a> (OpenAPI ${esc(doc.openapi)}).</p>
<nav><ul>${tags.map((t) => `<li><a href="#tag-${esc(t)}">${esc(t)}</a></li>`).join('')}</ul></nav>
${tags.map((t) => `<h2 id="tag-${esc(t)}">${esc(t)}</h2>${byTag.get(t)!.join('\n')}`).join('\n')}
</body></html>`;
}
