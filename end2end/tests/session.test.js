// A session that ends while someone is writing loses nothing: the secretary's minutes,
// saved after the session ended, come back after signing in again, with JavaScript and
// without; and with JavaScript the page warns before the end and can keep the session.
// The server here ends sessions after one minute unused, so the test waits about that long.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, hydrated, newPage, signIn, serverAndBrowser } from '../support.js';

const setup = serverAndBrowser({ env: { SCRUTINEER_SESSION_IDLE_MINUTES: '1' } });

// Meeting 2 of the demo data has minutes in draft.
const MINUTES = '/meetings/2/minutes';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('minutes typed while the session ended are back after signing in again (JavaScript on and off)', async () => {
  const { base, accounts } = setup.server;
  const secretary = accounts.secretariat;

  const withJs = await newPage(setup.browser);
  await signIn(withJs, base, secretary, MINUTES);
  await hydrated(withJs);
  const withoutJs = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(withoutJs, base, secretary, MINUTES);
  const staying = await newPage(setup.browser);
  await signIn(staying, base, secretary, '/actions');
  await hydrated(staying);
  const started = Date.now();

  const typedWithJs = '## Item 1\n\nTyped with JavaScript on: the board discussed stop and search.\n';
  const typedWithoutJs = '## Item 1\n\nTyped with JavaScript off: the board discussed complaints.\n';
  await withJs.getByLabel('Minutes (Markdown)').fill(typedWithJs);
  await withoutJs.getByLabel('Minutes (Markdown)').fill(typedWithoutJs);

  // The warning comes before the end, and "Stay signed in" keeps this one going.
  await staying.getByText(/You will be signed out in 1 minute/).waitFor({ timeout: 70000 });
  await checkAccessibility(staying, 'the timeout warning');
  await staying.getByRole('button', { name: 'Stay signed in' }).click();
  await staying.getByText(/You will be signed out in/).waitFor({ state: 'detached' });

  // Past the idle limit for the two writers.
  await sleep(Math.max(0, 65000 - (Date.now() - started)));

  // The one who chose to stay is still signed in.
  await staying.goto(`${base}/actions`);
  assert.equal(new URL(staying.url()).pathname, '/actions');
  staying.assertNoProblems();

  // With JavaScript: the session warning island has already said the session ended; the
  // save (a plain form post: pages are server-rendered, only islands hydrate) lands on the
  // sign-in page, which says why.
  await withJs.getByText('You have been signed out.').waitFor();
  await withJs.getByRole('button', { name: 'Save as a new version' }).click();
  await withJs.waitForURL((url) => url.pathname === '/sign-in');
  await withJs.getByText('You were signed out because Scrutineer had not been used for a while.').waitFor();
  await withJs.getByLabel('Email address').fill(secretary.email);
  await withJs.getByLabel('Password').fill(secretary.password);
  await withJs.getByRole('button', { name: 'Sign in' }).click();
  await withJs.waitForURL((url) => url.pathname === MINUTES);
  await hydrated(withJs);
  await withJs.getByText('What you typed is back in the form below').waitFor();
  assert.equal(await withJs.getByLabel('Minutes (Markdown)').inputValue(), typedWithJs);
  await checkAccessibility(withJs, 'minutes restored after signing in again');
  // Saved this time, and the restored note does not come back.
  await withJs.getByRole('button', { name: 'Save as a new version' }).click();
  await withJs.getByText(/Version \d+ was saved/).waitFor();
  withJs.assertNoProblems();

  // Without JavaScript: the post lands on the sign-in page, which says why.
  await withoutJs.getByRole('button', { name: 'Save as a new version' }).click();
  await withoutJs.waitForURL((url) => url.pathname === '/sign-in');
  await withoutJs.getByText('You were signed out because Scrutineer had not been used for a while.').waitFor();
  await withoutJs.getByLabel('Email address').fill(secretary.email);
  await withoutJs.getByLabel('Password').fill(secretary.password);
  await withoutJs.getByRole('button', { name: 'Sign in' }).click();
  await withoutJs.waitForURL((url) => url.pathname === MINUTES);
  await withoutJs.getByText('What you typed is back in the form below').waitFor();
  assert.equal(await withoutJs.getByLabel('Minutes (Markdown)').inputValue(), typedWithoutJs);
  assert.ok(!withoutJs.url().includes('__err'), withoutJs.url());

  for (const page of [withJs, withoutJs, staying]) await page.context().close();
});
