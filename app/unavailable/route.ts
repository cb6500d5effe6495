/**
 * Where pages send the browser while the database is unreachable (lib/auth/session.ts): a real
 * 503 with Retry-After, so neither people nor monitors mistake an outage for being signed out.
 * The page reloads the landing page by itself, which leads back to the dashboard once the
 * database answers again.
 */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="15;url=/">
<title>Temporarily unavailable · Nightly</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1f2430;background:#f7f7fb}@media (prefers-color-scheme:dark){body{color:#e6e8ef;background:#12141a}a{color:#9db4ff}}</style>
</head>
<body>
<main>
<h1>Nightly is temporarily unavailable</h1>
<p>We cannot reach our database right now. You are still signed in, and nothing you synced is lost.</p>
<p>This page tries again every 15 seconds, or <a href="/">try again now</a>.</p>
</main>
</body>
</html>`;

export function GET(): Response {
  return new Response(PAGE, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": "30", "cache-control": "no-store" },
  });
}
