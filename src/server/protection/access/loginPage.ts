/**
 * The one page a browser sees before it has the access token: no script, a form posting to /login.
 * Its referrer policy is same-origin instead of the server's no-referrer: under no-referrer a browser
 * sends a form's post with `Origin: null`, which the same-origin check (rightly) refuses. Same-origin
 * still sends nothing to any other site, and the page links nowhere.
 */

const STYLE = `
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f6f8; color: #1a1a1a;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { width: min(26rem, calc(100vw - 2rem)); background: #fff; border: 1px solid #d5dce3; border-radius: 8px;
  padding: 1.75rem 1.75rem 1.5rem; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
h1 { font-size: 1.2rem; margin: 0 0 .25rem; }
p { margin: .5rem 0; color: #3d4852; }
label { display: block; font-weight: 600; margin: 1.1rem 0 .35rem; }
input { width: 100%; font: inherit; padding: .55rem .65rem; border: 1px solid #98a4b0; border-radius: 6px; }
input:focus { outline: 2px solid #1f5f8b; outline-offset: 1px; }
button { margin-top: 1rem; width: 100%; font: inherit; font-weight: 600; padding: .6rem; border: 0; border-radius: 6px;
  background: #1f5f8b; color: #fff; cursor: pointer; }
button:hover { background: #174a6d; }
.problem { margin: 1rem 0 0; padding: .55rem .7rem; border-radius: 6px; background: #fdecea; color: #8a1c14; }
.hint { font-size: .85rem; color: #5a6570; margin-top: 1.1rem; }
`;

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );
}

/** `next`: the path to return to after signing in; `problem`: why the last attempt failed. */
export function loginPage({ next, problem }: { next: string; problem?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>Sign in · Foresight Accelerator</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Foresight Accelerator</h1>
<p>This server holds confidential client work and is reachable from other machines, so it asks for its access token.</p>
<form method="post" action="/login">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
${problem ? `<p class="problem" role="alert">${escapeHtml(problem)}</p>` : ''}
<button type="submit">Open</button>
</form>
<p class="hint">The token was printed when the server first started, or is its ACCESS_TOKEN setting. Ask whoever runs it. This browser then stays signed in for 30 days.</p>
</main>
</body>
</html>
`;
}
