/**
 * Minimal HTML toolkit for the emulator's pages (consent, errors, index). Self-contained: inline
 * CSS, no scripts, no external assets, so the pages work offline and under a strict CSP.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Tagged template that escapes every interpolated value unless it is `raw(...)`. */
export interface RawHtml {
  readonly __html: string;
}
export const raw = (html: string): RawHtml => ({ __html: html });

export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += renderValue(value) + (strings[i + 1] ?? "");
  });
  return raw(out);
}

function renderValue(value: unknown): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(renderValue).join("");
  if (typeof value === "object" && "__html" in value) return (value as RawHtml).__html;
  return escapeHtml(String(value));
}

const CSS = `
:root{--teal:#00b0b9;--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--bg:#f5f7fa;--err:#b42318}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{background:#fff;border-bottom:1px solid var(--line);padding:.75rem 1.5rem}
.brand{font-weight:700;font-size:1.25rem;color:#00737a;letter-spacing:.02em}
main{max-width:40rem;margin:2rem auto;padding:0 1rem}
.card{background:#fff;border:1px solid var(--line);border-radius:12px;padding:1.5rem 1.75rem}
h1{font-size:1.35rem;margin:0 0 1rem}
h2{font-size:1.05rem;margin:1.5rem 0 .5rem}
fieldset{border:1px solid var(--line);border-radius:8px;margin:1rem 0;padding:.75rem 1rem;min-width:0}
legend{font-weight:600;padding:0 .25rem}
.option{display:flex;gap:.6rem;align-items:flex-start;padding:.4rem 0}
.option input{margin-top:.3rem;width:1.1rem;height:1.1rem;accent-color:var(--teal)}
.option label{font-weight:600}
.option small{display:block;color:var(--muted);overflow-wrap:anywhere}
.actions{display:flex;gap:1rem;justify-content:flex-end;margin-top:1.25rem}
button{font:inherit;font-weight:600;border-radius:999px;padding:.55rem 1.6rem;cursor:pointer;border:2px solid var(--teal)}
button.primary{background:#00737a;border-color:#00737a;color:#fff}
button.secondary{background:#fff;color:#00535a}
button:focus-visible,input:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.error{color:var(--err);background:#fef3f2;border:1px solid #fecdca;border-radius:8px;padding:.75rem 1rem}
code{background:var(--bg);padding:.1rem .3rem;border-radius:4px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line)}
`;

/** The pages' icon, served at ICON_PATH (same origin: the pages' CSP allows only 'self' images),
 * so a browser does not ask for a missing /favicon.ico and log a 404 on the consent page. */
export const ICON_PATH = "/favicon.svg";
export const ICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#00b0b9"/></svg>';

/** Full document with the shared header and styles; `brand` is the wordmark in the header. */
export function page(title: string, body: RawHtml, brand = "fitbit"): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="icon" href="${ICON_PATH}" type="image/svg+xml" />
        <style>
          ${raw(CSS)}
        </style>
      </head>
      <body>
        <header><span class="brand">${brand}</span></header>
        <main>${body}</main>
      </body>
    </html>`.__html;
}

/** The page Fitbit shows for authorize errors: `errorType - message`, no redirect. */
export function errorPage(errorType: string, message: string): string {
  return page(
    "Fitbit - Error",
    html`<div class="card">
      <h1>Something went wrong</h1>
      <p class="error" role="alert">${errorType} - ${message}</p>
    </div>`,
  );
}
