// An administrator manages accounts through the pages, and every change shows in the audit
// trail. Runs with JavaScript on (hydrated) ; the no-JavaScript path is covered by the same
// server functions in sign-in.test.js and the server's HTTP tests.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, hydrated, newPage, signIn, serverAndBrowser } from '../support.js';

const setup = serverAndBrowser({ smtp: true });

test('add, edit, deactivate a user and reset a password; see it all audited', async () => {
  const page = await newPage(setup.browser);
  await signIn(page, setup.server.base, setup.server.accounts.admin);
  await page.goto(`${setup.server.base}/admin/users`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Add a user' }).click();
  await page.waitForURL(`${setup.server.base}/admin/users/new`);
  await hydrated(page);

  // Bad values: each field says what is wrong, nothing is saved.
  await page.getByLabel('Email address').fill('not an email');
  await page.getByLabel('Full name').fill('Dana Analyst');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('short');
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  const summary = await page.locator('.govuk-error-summary').innerText();
  for (const field of ['email', 'role', 'password']) {
    assert.ok(await page.locator(`#${field}-error`).isVisible(), `no message beside ${field}: ${summary}`);
  }
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Dana Analyst');
  await checkAccessibility(page, 'add a user, with errors');

  await page.getByLabel('Email address').fill('dana@opcc.example');
  await page.getByLabel('Role').selectOption('secretariat');
  await page.getByLabel('Password', { exact: true }).fill('a long enough password');
  await page.getByLabel('Confirm password').fill('a long enough password');
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.waitForURL(/\/admin\/users\?created/);
  await page.getByText('The user was added').waitFor();
  await checkAccessibility(page, 'users, after adding');

  await page.getByRole('link', { name: 'Dana Analyst' }).click();
  await page.getByRole('heading', { name: 'Edit user: Dana Analyst' }).waitFor();
  await hydrated(page);
  await page.getByLabel('Role').selectOption('commissioner');
  await page.getByLabel('Active (can sign in)').uncheck();
  // A change of role asks for the admin's own password first.
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.locator('#your_password-error').waitFor();
  assert.match(await page.locator('#your_password-error').innerText(), /Enter your own password/);
  await page.getByLabel('Role').selectOption('commissioner');
  await page.getByLabel('Active (can sign in)').uncheck();
  await page.getByLabel('Your own password').fill(setup.server.accounts.admin.password);
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.getByText("The user's details were saved").waitFor();
  assert.equal(await page.getByLabel('Role').inputValue(), 'commissioner');
  assert.equal(await page.getByLabel('Active (can sign in)').isChecked(), false);

  await page.getByLabel('New password', { exact: true }).fill('another long password');
  await page.getByLabel('Confirm new password').fill('a different long password');
  await page.getByRole('button', { name: 'Reset password' }).click();
  await page.locator('#confirm_password-error').waitFor();
  await page.getByLabel('New password', { exact: true }).fill('another long password');
  await page.getByLabel('Confirm new password').fill('another long password');
  await page.getByLabel('Your password, to confirm the reset').fill(setup.server.accounts.admin.password);
  await page.getByRole('button', { name: 'Reset password' }).click();
  await page.getByText('The password was reset').waitFor();
  await checkAccessibility(page, 'edit user, after saving');

  // The deactivated account cannot sign in, and is told no more than a wrong password.
  const other = await newPage(setup.browser);
  await other.goto(`${setup.server.base}/sign-in`);
  await other.getByLabel('Email address').fill('dana@opcc.example');
  await other.getByLabel('Password').fill('another long password');
  await other.getByRole('button', { name: 'Sign in' }).click();
  await other.getByText('Enter a correct email address and password').first().waitFor();
  await other.context().close();

  // Each change is in the audit trail, and the trail filters.
  await page.goto(`${setup.server.base}/admin/audit`);
  await hydrated(page);
  const trail = await page.locator('main table').innerText();
  for (const action of ['user.created', 'user.updated', 'user.password_reset', 'sign_in.failed']) {
    assert.ok(trail.includes(action), `no ${action} in the audit trail:\n${trail}`);
  }
  // The hash chain over the trail was checked as the page was read.
  const chain = await page.locator('[data-chain]').innerText();
  assert.ok(/Hash chain: intact/.test(chain) && /The last is event \d+/.test(chain), chain);
  await checkAccessibility(page, 'audit trail');
  // In words, London time: "Person 3: password reset", "Monday 7 December 2026, 10:02 (GMT)".
  assert.match(trail, /Person \d+: password reset/);
  assert.match(trail, /\w+day \d{1,2} \w+ \d{4}, \d{2}:\d{2} \((GMT|BST)\)/);
  // The filters are choices; the view filtered is a link, and a CSV in the same words.
  await page.getByLabel('What happened').selectOption({ label: 'Signing in' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/area=sign_in/);
  const filtered = await page.locator('main table tbody').innerText();
  assert.ok(filtered.includes('sign in failed'), filtered);
  assert.ok(!filtered.includes('user.created'), filtered);
  const href = await page.getByRole('link', { name: 'Download these events (CSV)' }).getAttribute('href');
  assert.match(href, /^\/admin\/audit\.csv\?area=sign_in/);
  const csv = await page.request.get(`${setup.server.base}${href}`);
  assert.equal(csv.status(), 200);
  const text = await csv.text();
  assert.match(text, /When \(London\),Who,From address,What happened/);
  assert.ok(text.includes('sign in failed') && !text.includes('user.created'), text.slice(0, 400));
  // The two refused forms above answered 400, as they should.
  page.expectStatusErrors(400);
  page.assertNoProblems();
  await page.context().close();
});

async function focusedId(page) {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

test('add a user by keyboard alone', async () => {
  const page = await newPage(setup.browser);
  await signIn(page, setup.server.base, setup.server.accounts.admin);
  await page.goto(`${setup.server.base}/admin/users/new`);
  await hydrated(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // the skip link
  for (let i = 0; (await focusedId(page)) !== 'email'; i++) {
    assert.ok(i < 10, 'the email field was not reached by Tab');
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('erin@opcc.example');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page), 'display_name');
  await page.keyboard.type('Erin Keyboard');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page), 'role');
  await page.keyboard.type('Force');
  assert.equal(await page.locator('#role').inputValue(), 'force_liaison');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page), 'password');
  await page.keyboard.type('a long keyboard password');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page), 'confirm_password');
  await page.keyboard.type('a long keyboard password');
  await page.keyboard.press('Enter');
  await page.getByText('The user was added').waitFor();
  await page.getByRole('link', { name: 'Erin Keyboard' }).waitFor();
  page.assertNoProblems();
  await page.context().close();
});

test('add and remove a bank holiday', async () => {
  const page = await newPage(setup.browser);
  await signIn(page, setup.server.base, setup.server.accounts.admin);
  await page.goto(`${setup.server.base}/admin/bank-holidays`);
  await hydrated(page);
  assert.ok(await page.getByRole('cell', { name: '2026-12-28' }).count(), 'Boxing Day substitute is seeded');
  await page.getByLabel('Date').fill('2026-02-30');
  await page.getByRole('button', { name: 'Add bank holiday' }).click();
  await page.locator('#day-error').getByText('real date').waitFor();
  assert.ok(await page.locator('#name-error').isVisible());
  await checkAccessibility(page, 'bank holidays, with errors');
  await page.getByLabel('Date').fill('2026-06-08');
  await page.getByLabel('Name').fill('One-off holiday');
  await page.getByRole('button', { name: 'Add bank holiday' }).click();
  await page.getByText('The bank holiday was added').waitFor();
  await page.getByRole('cell', { name: 'One-off holiday' }).waitFor();
  await page.getByRole('button', { name: 'Remove 2026-06-08' }).click();
  await page.getByText('The bank holiday was removed').waitFor();
  assert.equal(await page.getByRole('cell', { name: 'One-off holiday' }).count(), 0);
  page.expectStatusErrors(400);
  page.assertNoProblems();
  await page.context().close();
});

test('an administrator keeps the list of topics', async () => {
  const page = await newPage(setup.browser);
  await signIn(page, setup.server.base, setup.server.accounts.admin);
  await page.goto(`${setup.server.base}/admin/topics`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Add topic' }).click();
  await page.locator('#name-error').waitFor();
  assert.match(await page.locator('#name-error').innerText(), /Enter the topic's name/);
  await checkAccessibility(page, 'topics, with an error');
  await page.getByLabel('Name').fill('Domestic abuse');
  await page.getByRole('button', { name: 'Add topic' }).click();
  await page.getByText('The topic was added').waitFor();
  await page.getByRole('button', { name: 'Retire Domestic abuse' }).click();
  await page.getByText('The topic was retired').waitFor();
  const row = page.locator('tr', { has: page.getByRole('cell', { name: 'Domestic abuse' }) });
  assert.match(await row.innerText(), /Retired/);
  // A retired topic is not offered for new actions.
  await page.goto(`${setup.server.base}/actions/new`);
  await hydrated(page);
  const offered = await page.getByLabel('Topic').locator('option').allTextContents();
  assert.ok(offered.includes('Custody') && !offered.includes('Domestic abuse'), `${offered}`);
  page.expectStatusErrors(400);
  page.assertNoProblems();
  await page.context().close();
});

test('an invited person chooses their own password from the emailed link', async () => {
  const base = setup.server.base;
  const admin = await newPage(setup.browser);
  await signIn(admin, base, setup.server.accounts.admin);
  await admin.goto(`${base}/admin/users/new`);
  await hydrated(admin);
  await admin.getByLabel('Email address').fill('ivy.invited@opcc.example');
  await admin.getByLabel('Full name').fill('Ivy Invited');
  await admin.getByLabel('Role').selectOption('commissioner');
  // Both password fields left empty: an invitation instead of an invented password.
  await admin.getByRole('button', { name: 'Add user' }).click();
  await admin.getByText('The user was added and emailed an invitation to choose their password').waitFor();
  const email = await setup.smtp.waitFor(
    (m) => m.to.includes('ivy.invited@opcc.example') && m.data.includes('Subject: Your Scrutineer account: choose your password'),
  );
  // The body may be quoted-printable: undo its soft line breaks before reading the link.
  const body = email.data.replace(/=\n/g, '');
  const link = body.match(/https?:\/\/\S+\/invitation\/[A-Za-z0-9_-]+/)[0];

  // The invited person, in their own browser, without JavaScript.
  const invitee = await newPage(setup.browser, { javaScriptEnabled: false });
  await invitee.goto(link.replace(/^https?:\/\/[^/]+/, base));
  await invitee.getByRole('heading', { name: 'Choose your password' }).waitFor();
  await invitee.getByLabel('Password', { exact: true }).fill('ivy chooses her own words');
  await invitee.getByLabel('Confirm password').fill('ivy chooses her own words');
  await invitee.getByRole('button', { name: 'Set my password' }).click();
  await invitee.getByText('Your password is set. Sign in with it.').waitFor();
  await invitee.getByLabel('Email address').fill('ivy.invited@opcc.example');
  await invitee.getByLabel('Password').fill('ivy chooses her own words');
  await invitee.getByRole('button', { name: 'Sign in' }).click();
  await invitee.getByRole('heading', { name: 'Welcome, Ivy Invited' }).waitFor();
  // The link worked once.
  await invitee.goto(link.replace(/^https?:\/\/[^/]+/, base));
  await invitee.getByRole('heading', { name: 'This link no longer works' }).waitFor();
  await invitee.context().close();
  admin.assertNoProblems();
  await admin.context().close();
});
