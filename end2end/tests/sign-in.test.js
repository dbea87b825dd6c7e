// Signing in and out with JavaScript switched off, and by keyboard alone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAccessibility,
  checkAccessibilityAt,
  hydrated,
 
  newPage,
  serverAndBrowser,
} from '../support.js';

const setup = serverAndBrowser();

test('sign in and out with JavaScript switched off', async () => {
  const page = await newPage(setup.browser, { javaScriptEnabled: false });
  const admin = setup.server.accounts.admin;

  await page.goto(`${setup.server.base}/admin/users`);
  assert.equal(new URL(page.url()).pathname, '/sign-in');

  // Nothing typed: a message for each field, in the summary and beside the field.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.title(), /^Error: /);
  assert.ok((await page.locator('.govuk-error-message').count()) >= 1);
  await checkAccessibilityAt(setup.browser, page.url(), 'sign-in with errors (JavaScript off)');

  // A wrong password: one message that does not say which part was wrong; email kept.
  await page.getByLabel('Email address').fill(admin.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(
    await page.locator('.govuk-error-summary').innerText(),
    /Enter a correct email address and password/,
  );
  assert.equal(await page.getByLabel('Email address').inputValue(), admin.email);
  assert.equal(await page.getByLabel('Password').inputValue(), '');

  // The right password: on to the page first asked for.
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${setup.server.base}/admin/users`);
  await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${setup.server.base}/`);
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
  const back = await page.goto(`${setup.server.base}/admin/users`);
  assert.equal(new URL(page.url()).pathname, '/sign-in', `status ${back.status()}`);
  page.assertNoProblems();
  await page.context().close();
});

async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { id: el?.id ?? '', text: (el?.textContent ?? '').trim(), tag: el?.tagName ?? '' };
  });
}

test('sign in by keyboard alone', async () => {
  const page = await newPage(setup.browser);
  const secretariat = setup.server.accounts.secretariat;
  await page.goto(`${setup.server.base}/sign-in`);
  await hydrated(page);

  // The first stop is the skip link, which moves focus to the main content.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'main-content');

  for (let i = 0; (await focused(page)).id !== 'email'; i++) {
    assert.ok(i < 10, 'the email field was not reached by Tab');
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type(secretariat.email);
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'password');
  await page.keyboard.type(secretariat.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${setup.server.base}/`);
  await page.getByText(`(${secretariat.label})`).waitFor();

  // Sign out is reachable by keyboard too.
  for (let i = 0; (await focused(page)).text !== 'Sign out'; i++) {
    assert.ok(i < 20, 'the sign-out button was not reached by Tab');
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
  page.assertNoProblems();
  await page.context().close();
});

test('a person sees where they are signed in and signs out of the others, without JavaScript', async () => {
  const base = setup.server.base;
  const account = setup.server.accounts.secretariat;
  const signInAs = async (page) => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  };
  const elsewhere = await newPage(setup.browser);
  await signInAs(elsewhere);
  const here = await newPage(setup.browser, { javaScriptEnabled: false });
  await signInAs(here);
  await here.getByRole('link', { name: 'Your sessions' }).click();
  const rows = here.getByRole('table', { name: 'Signed in' }).locator('tbody tr');
  assert.equal(await rows.count(), 2);
  const listed = (await rows.allInnerTexts()).join('\n');
  assert.equal(listed.match(/This session/g)?.length, 1, listed);
  assert.match(listed, /Chrome on Linux/);
  const checker = await newPage(setup.browser);
  await signInAs(checker);
  await checker.goto(`${base}/account/sessions`);
  await hydrated(checker);
  await checkAccessibility(checker, 'your sessions');
  await here.reload();
  await here.getByRole('button', { name: 'Sign out of all other sessions' }).click();
  await here.getByText('2 other sessions were signed out').waitFor();
  assert.equal(await rows.count(), 1);
  // The other browser is signed out; this one is not.
  await elsewhere.goto(`${base}/actions`);
  assert.equal(new URL(elsewhere.url()).pathname, '/sign-in');
  await here.goto(`${base}/actions`);
  assert.equal(new URL(here.url()).pathname, '/actions');
});

test('a password an admin reset must be changed at the next sign-in, without JavaScript', async () => {
  const base = setup.server.base;
  const liaison = setup.server.accounts.force_liaison;
  const admin = await newPage(setup.browser, { javaScriptEnabled: false });
  const signInAs = async (page, email, password) => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  };
  await signInAs(admin, setup.server.accounts.admin.email, setup.server.accounts.admin.password);
  await admin.goto(`${base}/admin/users`);
  await admin.locator('main table').getByRole('link', { name: /Farah Liaison/ }).click();
  await admin.getByLabel('New password', { exact: true }).fill('a password from the admin');
  await admin.getByLabel('Confirm new password').fill('a password from the admin');
  await admin.getByLabel('Your password, to confirm the reset').fill(setup.server.accounts.admin.password);
  await admin.getByRole('button', { name: 'Reset password' }).click();
  await admin.getByText('The password was reset').waitFor();

  const page = await newPage(setup.browser, { javaScriptEnabled: false });
  await signInAs(page, liaison.email, 'a password from the admin');
  assert.equal(new URL(page.url()).pathname, '/account/password');
  await page.getByText('Your password was set by an administrator').waitFor();
  // axe-core runs in a page with JavaScript: a second browser, signed in the same way.
  const checker = await newPage(setup.browser);
  await signInAs(checker, liaison.email, 'a password from the admin');
  assert.equal(new URL(checker.url()).pathname, '/account/password');
  await hydrated(checker);
  await checkAccessibility(checker, 'change your password, required');
  // Nothing else is reachable until it is changed.
  await page.goto(`${base}/actions`);
  assert.equal(new URL(page.url()).pathname, '/account/password');

  await page.getByLabel('Current password').fill('a password from the admin');
  await page.getByLabel('New password', { exact: true }).fill('Password12345');
  await page.getByLabel('Confirm new password').fill('Password12345');
  await page.getByRole('button', { name: 'Change password' }).click();
  const refusal = await page.locator('#password-error').innerText();
  assert.match(refusal, /harder to guess/);
  assert.match(refusal, /commonly used password/);
  await checker.getByLabel('Current password').fill('a password from the admin');
  await checker.getByLabel('New password', { exact: true }).fill('Password12345');
  await checker.getByLabel('Confirm new password').fill('Password12345');
  await checker.getByRole('button', { name: 'Change password' }).click();
  await checker.locator('#password-error').waitFor();
  await checkAccessibility(checker, 'change your password, refused');

  await page.getByLabel('Current password').fill('a password from the admin');
  await page.getByLabel('New password', { exact: true }).fill('liaison picks her own phrase');
  await page.getByLabel('Confirm new password').fill('liaison picks her own phrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password was changed').waitFor();
  assert.equal(await page.locator('[data-must-change]').count(), 0);
  await page.goto(`${base}/actions`);
  assert.equal(new URL(page.url()).pathname, '/actions');

  // Her new password signs her in straight to her work; the admin's no longer does.
  const again = await newPage(setup.browser, { javaScriptEnabled: false });
  await signInAs(again, liaison.email, 'liaison picks her own phrase');
  assert.notEqual(new URL(again.url()).pathname, '/account/password');
  await again.goto(`${base}/sign-in`);
  await again.getByLabel('Email address').fill(liaison.email);
  await again.getByLabel('Password').fill('a password from the admin');
  await again.getByRole('button', { name: 'Sign in' }).click();
  await again.getByText('Enter a correct email address and password').first().waitFor();
});
