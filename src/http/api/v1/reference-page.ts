import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { OpenApiDocument } from './openapi.js';

type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  security: unknown[];
  parameters: {
    name: string;
    in: string;
    required: boolean;
    description?: string;
    schema: unknown;
  }[];
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<
    string,
    { description: string; content?: { 'application/json': { schema: unknown } } }
  >;
};

const styles = `
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
section{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.method{display:inline-block;min-width:3.5rem;font-weight:700;text-transform:uppercase}
.get{color:#05668d}.post{color:#6a4c00}code,pre{font-family:ui-monospace,monospace;font-size:.85rem}
pre{background:#f5f5f5;padding:.5rem;overflow:auto;max-height:30rem}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
a{color:#05668d}:focus{outline:2px solid #05668d}`;

const json = (value: unknown) => JSON.stringify(value, null, 2);

function operationSection(
  method: string,
  path: string,
  operation: Operation,
): HtmlEscapedString | Promise<HtmlEscapedString> {
  return html`<section
    id="${operation.operationId}"
    aria-labelledby="${operation.operationId}-title"
  >
    <h3 id="${operation.operationId}-title">
      <span class="method ${method}">${method}</span> <code>${path}</code>
    </h3>
    <p><strong>${operation.summary}</strong></p>
    ${operation.description ? html`<p>${operation.description}</p>` : ''}
    <p>
      Authentication:
      ${operation.security.length === 0 ? 'none (public)' : 'Bearer API token or session cookie'}
    </p>
    ${
      operation.parameters.length > 0
        ? html`<table>
            <caption>
              Parameters
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">In</th>
                <th scope="col">Required</th>
                <th scope="col">Schema</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              ${operation.parameters.map(
                (parameter) =>
                  html`<tr>
                    <td><code>${parameter.name}</code></td>
                    <td>${parameter.in}</td>
                    <td>${parameter.required ? 'yes' : 'no'}</td>
                    <td><code>${JSON.stringify(parameter.schema)}</code></td>
                    <td>${parameter.description ?? ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }
    ${
      operation.requestBody
        ? html`<details>
            <summary>Request body (application/json)</summary>
            <pre>${json(operation.requestBody.content['application/json'].schema)}</pre>
          </details>`
        : ''
    }
    <h4>Responses</h4>
    <ul>
      ${Object.entries(operation.responses).map(
        ([status, response]) =>
          html`<li>
            <strong>${status}</strong> ${response.description}${
              response.content
                ? html`<details>
                    <summary>Schema</summary>
                    <pre>${json(response.content['application/json'].schema)}</pre>
                  </details>`
                : ''
            }
          </li>`,
      )}
    </ul>
  </section>`;
}

/**
 * The API reference as one server-rendered page, from the OpenAPI document: every operation
 * with its parameters, body and answers. Self-contained: inline styles, no scripts, nothing
 * loaded from elsewhere.
 */
export function renderReferencePage(document: OpenApiDocument) {
  const entries = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      path,
      method,
      operation: operation as Operation,
    })),
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${document.info.title} ${document.info.version} — reference</title>
        <style>
          ${styles}
        </style>
      </head>
      <body>
        <header>
          <h1>${document.info.title} <small>${document.info.version}</small></h1>
          <p>${document.info.description}</p>
          <p>
            Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI
            ${document.openapi}).
          </p>
        </header>
        <nav aria-label="Operations">
          <ul>
            ${entries.map(
              (entry) =>
                html`<li>
                  <a href="#${entry.operation.operationId}"
                    ><span class="method ${entry.method}">${entry.method}</span> ${entry.path}</a
                  >
                  — ${entry.operation.summary}
                </li>`,
            )}
          </ul>
        </nav>
        <main>
          ${document.tags.map(
            (tag) =>
              html`<h2>${tag.name}</h2>
                <p>${tag.description}</p>
                ${entries
                  .filter((entry) =>
                    (entry.operation as unknown as { tags: string[] }).tags.includes(tag.name),
                  )
                  .map((entry) => operationSection(entry.method, entry.path, entry.operation))}`,
          )}
        </main>
      </body>
    </html>`;
}
