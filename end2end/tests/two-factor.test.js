// Two-factor sign-in where it is required: set up from the QR page's key (codes computed
// here, as an authenticator app would), asked for after the password, recovery codes once
// each, and an admin's reset — without JavaScript, and checked by axe-core with it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { checkAccessibility, newPage, serverAndBrowser, signIn } from '../support.js';

const setup = serverAndBrowser({ env: { SCRUTINEER_SECOND_FACTOR: 'required' } });

/** RFC 4648 base32, as the page shows the key (in groups, spaces ignored). */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = [];
  let bits = 0;
  let value = 0;
  for (const c of text.replace(/\s/g, '').toUpperCase()) {
    const index = alphabet.indexOf(c);
    assert.ok(index >= 0, `not base32: ${c}`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** RFC 6238: the code an authenticator app shows `stepsOn` 30-second steps from now. */
function totp(key, stepsOn = 0) {
  const step = Math.floor(Date.now() / 1000 / 30) + stepsOn;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(key)).update(counter).digest();
  const offset = mac[19] & 0x0f;
  const number =
    ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(number % 1_000_000).padStart(6, '0');
}

const base = () => setup.server.base;

/** Signs in with the password; for an account with a second factor, stops at the code page. */
async function password(page, account, next = '') {
  await page.goto(`${base()}/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

async function enterCode(page, code) {
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForLoadState('load');
}

/**
 * On the set-up page before a key is made: the page itself writes nothing (a GET), and
 * "Start setting up" makes the key and recovery codes.
 */
async function startSettingUp(page) {
  await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
  assert.equal(await page.locator('[data-secret]').count(), 0, 'no key before the button');
  await page.getByRole('button', { name: 'Start setting up' }).click();
  await page.locator('[data-secret]').waitFor();
}

/** On the set-up page: reads the key and recovery codes, confirms with a code; returns them. */
async function setUp(page) {
  await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
  if ((await page.locator('[data-secret]').count()) === 0) await startSettingUp(page);
  const key = (await page.locator('[data-secret]').innerText()).trim();
  const recovery = (await page.locator('[data-recovery-codes] li').allInnerTexts()).map((c) => c.trim());
  assert.equal(recovery.length, 10);
  await page.getByLabel('Code from your app').fill(totp(key));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await page.locator('[data-two-factor="on"]').waitFor();
  return { key, recovery };
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await page.waitForURL(`${base()}/`);
}

test('set up, sign in with a code and with recovery codes once each, without JavaScript', async () => {
  const page = await newPage(setup.browser, { javaScriptEnabled: false });
  const liaison = setup.server.accounts.force_liaison;

  // The password is right, but nothing is reachable until a second factor is set up.
  await signIn(page, base(), liaison, '/actions');
  assert.equal(new URL(page.url()).pathname, '/account/two-factor');
  await page.locator('[data-must-set-up]').waitFor();
  await startSettingUp(page);
  const qr = page.getByRole('img', { name: /QR code for adding Scrutineer/ });
  assert.match(await qr.getAttribute('src'), /^data:image\/svg\+xml;base64,/);
  await page.goto(`${base()}/actions`);
  assert.equal(new URL(page.url()).pathname, '/account/two-factor');

  // A wrong code is refused beside the field, and the page keeps the same key.
  const key = (await page.locator('[data-secret]').innerText()).trim();
  const wrong = String((Number(totp(key)) + 500_000) % 1_000_000).padStart(6, '0');
  await page.getByLabel('Code from your app').fill(wrong);
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-message').innerText(), /That code does not match/);
  assert.equal((await page.locator('[data-secret]').innerText()).trim(), key);

  const { recovery } = await setUp(page);
  await page.goto(`${base()}/actions`);
  assert.equal(new URL(page.url()).pathname, '/actions');
  await signOut(page);

  // The password leads to the code page; the next code signs in and goes on.
  await password(page, liaison, '/actions');
  assert.equal(new URL(page.url()).pathname, '/sign-in/code');
  await page.goto(`${base()}/actions`);
  assert.equal(new URL(page.url()).pathname, '/sign-in', 'not signed in before the code');
  await password(page, liaison, '/actions');
  await enterCode(page, totp(key, 1));
  assert.equal(new URL(page.url()).pathname, '/actions');
  await signOut(page);

  // A recovery code signs in once, typed in capitals; the second time it is refused.
  await password(page, liaison);
  await enterCode(page, recovery[0].toUpperCase());
  assert.equal(new URL(page.url()).pathname, '/');
  await signOut(page);
  await password(page, liaison);
  await enterCode(page, recovery[0]);
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-message').innerText(), /That code is not right/);
  assert.equal(new URL(page.url()).pathname, '/sign-in/code');
  await enterCode(page, recovery[1]);
  assert.equal(new URL(page.url()).pathname, '/');
  await page.goto(`${base()}/account/two-factor`);
  assert.match(await page.locator('.govuk-summary-list').innerText(), /8 of 10 unused/);
  page.expectStatusErrors(400);
  page.assertNoProblems();
  await page.context().close();
});

test('an admin resets a lost second factor with their own password; axe-core on every new page', async () => {
  const admin = setup.server.accounts.admin;
  const commissioner = setup.server.accounts.commissioner;

  // With JavaScript: the commissioner sets up, checked by axe-core at each step.
  const page = await newPage(setup.browser);
  await signIn(page, base(), commissioner);
  assert.equal(new URL(page.url()).pathname, '/account/two-factor');
  await checkAccessibility(page, 'two-factor set-up, before the key is made');
  await startSettingUp(page);
  await checkAccessibility(page, 'two-factor set-up');
  await page.getByLabel('Code from your app').fill('12');
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  await checkAccessibility(page, 'two-factor set-up with an error');
  const { key } = await setUp(page);
  await checkAccessibility(page, 'two-factor on');
  await signOut(page);
  await password(page, commissioner);
  await page.getByRole('heading', { name: /Enter the code/ }).waitFor();
  await checkAccessibility(page, 'sign-in code');
  await enterCode(page, '000000' === totp(key, 1) ? '000001' : '000000');
  await page.locator('.govuk-error-summary').waitFor();
  await checkAccessibility(page, 'sign-in code with an error');
  await enterCode(page, totp(key, 1));
  assert.equal(new URL(page.url()).pathname, '/');

  // The admin (who sets up their own first) resets the commissioner's.
  const desk = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(desk, base(), admin, '/admin/users');
  const adminKey = (await setUp(desk)).key;
  await desk.goto(`${base()}/admin/users`);
  await desk.getByRole('link', { name: commissioner.label }).click();
  assert.equal(await desk.locator('[data-two-factor]').getAttribute('data-two-factor'), 'on');
  const viewer = await newPage(setup.browser);
  await password(viewer, admin, new URL(desk.url()).pathname);
  await enterCode(viewer, totp(adminKey, 1));
  await viewer.getByRole('button', { name: 'Reset two-factor sign-in' }).waitFor();
  await checkAccessibility(viewer, 'a user with two-factor sign-in, for an admin');
  viewer.assertNoProblems();
  await viewer.context().close();
  await desk.getByRole('button', { name: 'Reset two-factor sign-in' }).click();
  await desk.locator('.govuk-error-summary').waitFor();
  assert.match(
    await desk.locator('.govuk-error-message').innerText(),
    /Enter your own password to confirm this change/,
  );
  await desk
    .getByLabel('Your password, to confirm resetting their two-factor sign-in')
    .fill(admin.password);
  await desk.getByRole('button', { name: 'Reset two-factor sign-in' }).click();
  await desk.getByText('Two-factor sign-in was reset').waitFor();
  assert.equal(await desk.locator('[data-two-factor]').getAttribute('data-two-factor'), 'off');
  desk.expectStatusErrors(400);
  desk.assertNoProblems();
  await desk.context().close();

  // The commissioner was signed out, and sets up anew at the next sign-in.
  await page.goto(`${base()}/actions`);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  await signIn(page, base(), commissioner);
  assert.equal(new URL(page.url()).pathname, '/account/two-factor');
  await startSettingUp(page);
  const fresh = (await page.locator('[data-secret]').innerText()).trim();
  assert.notEqual(fresh, key, 'a new key for the new phone');
  page.expectStatusErrors(400);
  page.assertNoProblems();
  await page.context().close();
});
