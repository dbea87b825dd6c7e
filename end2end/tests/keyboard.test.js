// The forms added for "every person's next job", by keyboard alone: Tab to each field and
// button, type, Space and Enter; nothing is clicked. Correcting and withdrawing a question,
// searching from the home page, choosing emails, a confirmation before taking an action
// off the public pages, finding people in the user list, and accepting an invitation. And
// the question forms once more with JavaScript switched off.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, hydrated, newPage, signIn, serverAndBrowser } from '../support.js';

const setup = serverAndBrowser({ smtp: true });

async function as(role, options = {}) {
  const page = await newPage(setup.browser, options);
  await signIn(page, setup.server.base, setup.server.accounts[role]);
  return page;
}

/**
 * Presses Tab until the focused element is `target`: `{ id }` or `{ text }` (its text,
 * trimmed). Fails if it is not reached in 80 presses.
 */
async function tabTo(page, target) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate((t) => {
      const e = document.activeElement;
      if (!e) return false;
      return t.id ? e.id === t.id : e.textContent.trim().replace(/\s+/g, ' ') === t.text;
    }, target);
    if (here) return;
  }
  assert.fail(`${JSON.stringify(target)} was not reached by Tab on ${page.url()}`);
}

test('a question is corrected, put, corrected with a reason and withdrawn by keyboard', async () => {
  const base = setup.server.base;
  const page = await as('commissioner');
  // The demo's second question is a draft.
  await page.goto(`${base}/questions/2`);
  await hydrated(page);
  await tabTo(page, { id: 'correct-question' });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Correct a question' }).waitFor();
  await hydrated(page);
  await tabTo(page, { id: 'text' });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('How many officers from minority ethnic backgrounds left in 2025-26, and why?');
  await tabTo(page, { text: 'Save the question' });
  await page.keyboard.press('Enter');
  await page.getByText('The question was saved').waitFor();
  await page.getByRole('heading', { name: /left in 2025-26/ }).waitFor();

  await tabTo(page, { text: 'Put this question to the Chief Constable' });
  await page.keyboard.press('Enter');
  await page.getByText('The question was put to the force').waitFor();

  // Once put, a correction needs a reason; a missing one is refused beside the field.
  await tabTo(page, { id: 'correct-question' });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Correct a question' }).waitFor();
  await hydrated(page);
  assert.match(await page.locator('main').innerText(), /They will be told of the correction/);
  await tabTo(page, { id: 'text' });
  await page.keyboard.press('End');
  await page.keyboard.type(' By rank, please.');
  await tabTo(page, { text: 'Save the question' });
  await page.keyboard.press('Enter');
  await page.locator('#reason-error').waitFor();
  await checkAccessibility(page, 'correcting a put question, with an error');
  await tabTo(page, { id: 'reason' });
  await page.keyboard.type('The board asked for the figures by rank.');
  await tabTo(page, { text: 'Save the question' });
  await page.keyboard.press('Enter');
  await page.getByText('The question was saved').waitFor();
  const timeline = page.locator('.app-timeline');
  await timeline.getByText('Corrected after it was put to the force').waitFor();
  await timeline.getByText('The board asked for the figures by rank.').waitFor();

  await tabTo(page, { id: 'withdrawal_reason' });
  await page.keyboard.type('Overtaken by the workforce inspection.');
  await tabTo(page, { text: 'Withdraw the question' });
  await page.keyboard.press('Enter');
  await page.getByText('The question was withdrawn').waitFor();
  await page.locator('dl').getByText('Withdrawn', { exact: true }).waitFor();
  await page.getByText('Overtaken by the workforce inspection.').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Withdraw the question' }).count(), 0);
  await checkAccessibility(page, 'a withdrawn question');
  page.expectStatusErrors(400); // the correction refused for want of a reason
  page.assertNoProblems();
  await page.context().close();
});

test('search, emails and a confirmation by keyboard', async () => {
  const base = setup.server.base;
  const page = await as('secretariat');
  await hydrated(page);
  await tabTo(page, { id: 'search-q' });
  await page.keyboard.type('body-worn');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'body-worn');
  await page.getByRole('link', { name: /body-worn video/ }).first().waitFor();

  await page.goto(`${base}/account/notifications`);
  await hydrated(page);
  await tabTo(page, { id: 'wanted-0' });
  const first = page.locator('#wanted-0');
  const before = await first.isChecked();
  await page.keyboard.press('Space');
  await tabTo(page, { text: 'Save my choice' });
  await page.keyboard.press('Enter');
  await page.getByText('Your choice of emails was saved.').waitFor();
  await page.reload();
  assert.equal(await page.locator('#wanted-0').isChecked(), !before);

  // The demo's first action is open and published: taking it off the public pages asks first.
  await page.goto(`${base}/actions/1`);
  await hydrated(page);
  await tabTo(page, { text: 'Remove from the public pages' });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /off the public pages\?/ }).waitFor();
  await tabTo(page, { text: 'Yes, take it off' });
  await page.keyboard.press('Enter');
  await page.getByText('The action is no longer on the public pages').waitFor();
  page.assertNoProblems();
  await page.context().close();
});

test('an administrator finds people and invites one; the invitation is accepted by keyboard', async () => {
  const base = setup.server.base;
  const admin = await as('admin');
  await admin.goto(`${base}/admin`);
  await hydrated(admin);
  await checkAccessibility(admin, 'the administration page');
  await tabTo(admin, { text: 'Users' });
  await admin.keyboard.press('Enter');
  await admin.getByRole('heading', { name: 'Users' }).waitFor();
  await hydrated(admin);
  await tabTo(admin, { id: 'q' });
  await admin.keyboard.type('FORCE.EX');
  await admin.keyboard.press('Enter');
  await admin.waitForURL((url) => url.searchParams.get('q') === 'FORCE.EX');
  const rows = admin.locator('table tbody tr');
  await rows.first().waitFor();
  for (const row of await rows.allInnerTexts()) assert.match(row, /@force\.example/i);
  await admin.getByText(/accounts match/).waitFor();
  await checkAccessibility(admin, 'the user list searched');

  await admin.goto(`${base}/admin/users/new`);
  await hydrated(admin);
  await tabTo(admin, { id: 'email' });
  await admin.keyboard.type('kit.keys@opcc.example');
  await admin.keyboard.press('Tab');
  await admin.keyboard.type('Kit Keys');
  await admin.keyboard.press('Tab');
  await admin.keyboard.type('Secretariat');
  await tabTo(admin, { text: 'Add user' });
  await admin.keyboard.press('Enter');
  await admin.getByText('The user was added and emailed an invitation to choose their password').waitFor();
  const email = await setup.smtp.waitFor(
    (m) => m.to.includes('kit.keys@opcc.example') && m.data.includes('choose your password'),
  );
  // The body may be quoted-printable: undo its soft line breaks before reading the link.
  const body = email.data.replace(/=\r?\n/g, '');
  const found = body.match(/https?:\/\/\S+\/invitation\/[A-Za-z0-9_-]+/);
  assert.ok(found, `no invitation link in:\n${body}`);
  const link = found[0];

  const invitee = await newPage(setup.browser);
  await invitee.goto(link.replace(/^https?:\/\/[^/]+/, base));
  await invitee.getByRole('heading', { name: 'Choose your password' }).waitFor();
  await hydrated(invitee);
  await tabTo(invitee, { id: 'password' });
  await invitee.keyboard.type('kit types every word');
  await invitee.keyboard.press('Tab');
  await invitee.keyboard.type('kit types every word');
  await invitee.keyboard.press('Enter');
  await invitee.getByText('Your password is set. Sign in with it.').waitFor();
  invitee.assertNoProblems();
  admin.assertNoProblems();
  for (const page of [admin, invitee]) await page.context().close();
});

test('a question is put, corrected with a reason and withdrawn without JavaScript', async () => {
  const base = setup.server.base;
  const page = await as('commissioner', { javaScriptEnabled: false });
  await page.goto(`${base}/questions/new`);
  await page.getByLabel('Board').selectOption({ label: 'Strategic Policing and Crime Board (SPCB)' });
  await page.getByLabel('Question', { exact: true }).fill('How many complaints about searches were upheld?');
  await page.getByLabel('Topic').selectOption({ label: 'Complaints' });
  await page.getByLabel('Answer due').fill('10 working days');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Check your question').waitFor();
  await page.getByRole('button', { name: 'Put this question to the Chief Constable' }).click();
  await page.getByText('The question was put to the force').waitFor();
  await page.getByRole('link', { name: /Correct this question/ }).click();
  await page.getByRole('heading', { name: 'Correct a question' }).waitFor();
  await page.getByLabel('Question', { exact: true }).fill('How many complaints about searches were upheld last year?');
  await page.getByRole('button', { name: 'Save the question' }).click();
  // Refused for want of a reason: the page comes back with the error and what was typed.
  await page.locator('#reason-error').waitFor();
  assert.equal(
    await page.getByLabel('Question', { exact: true }).inputValue(),
    'How many complaints about searches were upheld last year?',
  );
  await page.getByLabel('Why it is corrected').fill('The board asked for last year only.');
  await page.getByRole('button', { name: 'Save the question' }).click();
  await page.getByText('The question was saved').waitFor();
  await page.getByRole('heading', { name: /upheld last year/ }).waitFor();
  await page.getByLabel('Why it is withdrawn').fill('Answered at the board.');
  await page.getByRole('button', { name: 'Withdraw the question' }).click();
  await page.getByText('The question was withdrawn').waitFor();
  await page.locator('dl').getByText('Withdrawn', { exact: true }).waitFor();
  page.expectStatusErrors(400);
  page.assertNoProblems();
  await page.context().close();
});
