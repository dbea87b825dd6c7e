// What a page costs the browser: the public's pages and the sign-in page load no wasm (they
// have no islands); a signed-in page loads the islands' wasm, under content-hashed names that
// are cached for a year; pages and files come compressed when the browser accepts it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, newPage, serverAndBrowser, signIn } from '../support.js';

const setup = serverAndBrowser();

/** Opens `path` and returns the addresses of the wasm and JavaScript files it loaded. */
async function scriptsLoadedBy(page, path) {
  const loaded = [];
  const listener = (response) => {
    if (/\/pkg\/.*\.(wasm|js)$/.test(new URL(response.url()).pathname)) loaded.push(response);
  };
  page.on('response', listener);
  await page.goto(`${setup.server.base}${path}`);
  await hydrated(page);
  page.off('response', listener);
  return loaded;
}

test('pages without islands load no wasm; signed-in pages load it compressed and cached for a year', async () => {
  const page = await newPage(setup.browser);
  for (const path of ['/', '/public/actions', '/public/meetings', '/sign-in', '/accessibility']) {
    const loaded = await scriptsLoadedBy(page, path);
    assert.deepEqual(loaded.map((r) => r.url()), [], `${path} loaded scripts`);
    assert.equal(await page.locator('leptos-island').count(), 0, `${path} has islands`);
  }

  await signIn(page, setup.server.base, setup.server.accounts.commissioner);
  const loaded = await scriptsLoadedBy(page, '/actions');
  const wasm = loaded.find((r) => r.url().endsWith('.wasm'));
  assert.ok(wasm, `the register loaded no wasm: ${loaded.map((r) => r.url())}`);
  assert.match(new URL(wasm.url()).pathname, /^\/pkg\/scrutineer\.[\w-]{8,}\.wasm$/, 'a hashed name');
  const headers = await wasm.allHeaders();
  assert.equal(headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.match(headers['content-encoding'] ?? '', /^(br|gzip)$/);
  assert.equal(await page.locator('leptos-island').count(), 1, 'the session warning is the one island');
  page.assertNoProblems();
  await page.context().close();
});

test('pages, answers and files are compressed when the client accepts it, and only then', async () => {
  const base = setup.server.base;
  const page = await fetch(`${base}/public/actions`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(page.headers.get('content-encoding'), 'br');
  assert.equal(page.headers.get('cache-control'), 'no-store', 'pages are never cached');
  const plain = await fetch(`${base}/public/actions`, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(plain.headers.get('content-encoding'), null);
  const html = await plain.text();
  const css = html.match(/href="(\/pkg\/scrutineer\.[\w-]+\.css)"/);
  assert.ok(css, 'the stylesheet has a hashed name');
  const gz = await fetch(`${base}${css[1]}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.equal(gz.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.match(await gz.text(), /govuk-template/, 'fetch undoes gzip: the stylesheet itself');
});
