// The accountability loop, in the browser, each role in its own session: the secretariat
// writes two ACTION lines into a meeting's minutes and confirms them; force liaison sees
// both, responds to one and asks for more time on the other; the commissioner asks for
// further information on the first and approves the extension; the force responds again;
// the commissioner accepts and the action closes. An action past its due date shows as
// overdue on every role's home page, and the reminder email about it reaches the SMTP
// listener the test started. Every page on the way passes axe-core.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAccessibility,
  checkAccessibilityAt,
  hydrated,
  newPage,
  signIn,
  serverAndBrowser,
} from '../support.js';

const setup = serverAndBrowser({ smtp: true });

/** `YYYY-MM-DD`, `days` from today. */
function day(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

async function as(role) {
  const page = await newPage(setup.browser);
  await signIn(page, setup.server.base, setup.server.accounts[role]);
  return page;
}

/** Opens the action whose reference is `reference` from the register. */
async function openAction(page, reference) {
  await page.goto(`${setup.server.base}/actions?sort=updated`);
  await hydrated(page);
  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('heading', { name: `Action ${reference}` }).waitFor();
  await hydrated(page);
}

test('an action goes from the minutes to closed, and overdue shows on every home page', async () => {
  const base = setup.server.base;
  const year = new Date().getFullYear();

  // The secretariat writes two actions into the minutes of the demo's second meeting.
  const secretariat = await as('secretariat');
  await secretariat.goto(`${base}/meetings/2/minutes`);
  await hydrated(secretariat);
  const editor = secretariat.getByLabel('Minutes (Markdown)');
  const minutes = await editor.inputValue();
  await editor.fill(
    `${minutes}\n## 5. Actions\n\n` +
      `ACTION: Force to share the analysis of stop and search disparity by ${day(30)}\n` +
      `ACTION: Force (Head of Hate Crime) to publish the hate crime figures by ${day(20)}\n` +
      `ACTION: Force to do it one day\n`,
  );
  await secretariat.getByRole('button', { name: 'Save as a new version' }).click();
  await secretariat.getByRole('heading', { name: 'Actions in the minutes' }).waitFor();
  await hydrated(secretariat);
  await secretariat.getByRole('heading', { name: 'New actions found (2)' }).waitFor();
  assert.match(
    await secretariat.locator('main').innerText(),
    /End the line with the due date/,
    'the unreadable line is listed with its reason',
  );
  await checkAccessibility(secretariat, 'actions in the minutes');
  await secretariat.getByRole('button', { name: 'Create 2 actions' }).click();
  await secretariat.getByText('The actions were created').waitFor();
  const created = await secretariat.locator('main li a').allTextContents();
  const references = created.filter((text) => text.startsWith(`SPCB/${year}/`));
  assert.equal(references.length, 2, `created: ${created}`);
  const [analysis, figures] = references;

  // A third action, recorded by hand, already past its due date.
  await secretariat.goto(`${base}/actions/new`);
  await hydrated(secretariat);
  await secretariat.getByRole('button', { name: 'Record action' }).click();
  await secretariat.locator('#text-error').waitFor();
  assert.match(await secretariat.locator('#text-error').innerText(), /Enter what must be done/);
  secretariat.expectStatusErrors(400);
  await checkAccessibility(secretariat, 'record an action, with errors');
  await secretariat.getByLabel('Board').selectOption({ label: 'Strategic Policing and Crime Board (SPCB)' });
  await secretariat.getByLabel('What must be done').fill('Report on custody deaths reviews');
  await secretariat.getByLabel('Topic').selectOption({ label: 'Custody' });
  await secretariat.getByLabel('Force', { exact: true }).check();
  await secretariat.getByLabel("Owner's name or team").fill('Custody lead');
  await secretariat.getByLabel('Due date').fill(day(-2));
  await secretariat.getByRole('button', { name: 'Record action' }).click();
  // A due date already past is flagged before anything is saved, and kept only if confirmed.
  await secretariat.locator('#confirm_due-error').waitFor();
  assert.match(await secretariat.locator('#confirm_due-error').innerText(), /is in the past/);
  assert.equal(await secretariat.getByLabel('Due date', { exact: true }).inputValue(), day(-2));
  await checkAccessibility(secretariat, 'a due date in the past, to confirm');
  secretariat.expectStatusErrors(400);
  await secretariat.getByLabel('Keep this due date').check();
  await secretariat.getByRole('button', { name: 'Record action' }).click();
  await secretariat.getByText('The action was recorded').waitFor();
  const overdue = (await secretariat.getByRole('heading', { level: 1 }).innerText()).replace('Action ', '');
  await checkAccessibility(secretariat, 'a new action');

  // Force liaison sees both, responds to one and asks for more time on the other.
  const liaison = await as('force_liaison');
  await liaison.goto(`${base}/actions`);
  await hydrated(liaison);
  for (const reference of [analysis, figures]) {
    await liaison.getByRole('link', { name: reference }).waitFor();
  }
  await checkAccessibility(liaison, 'the register as force liaison');
  await openAction(liaison, analysis);
  await liaison.getByRole('textbox', { name: 'Response', exact: true }).fill('The analysis is attached: [report](https://force.example/analysis).');
  await liaison.getByRole('button', { name: 'Submit response' }).click();
  await liaison.getByText('The response was submitted').waitFor();
  await openAction(liaison, figures);
  await liaison.getByLabel('Proposed due date').fill(day(10));
  await liaison.getByLabel('Why more time is needed').fill('The figures are audited first.');
  await liaison.getByRole('button', { name: 'Request extension' }).click();
  // A date before the current due date is refused beside the field.
  await liaison.locator('#proposed-error').waitFor();
  assert.match(await liaison.locator('#proposed-error').innerText(), /after the current due date/);
  liaison.expectStatusErrors(400);
  assert.equal(await liaison.getByLabel('Why more time is needed').inputValue(), 'The figures are audited first.');
  await checkAccessibility(liaison, 'an extension request with an error');
  await liaison.getByLabel('Proposed due date').fill(day(45));
  await liaison.getByRole('button', { name: 'Request extension' }).click();
  await liaison.getByText('The extension request was sent').waitFor();

  // The commissioner's home page counts what waits for them, and each opens from it.
  const commissioner = await as('commissioner');
  await commissioner.goto(`${base}/`);
  await hydrated(commissioner);
  const count = async (name) =>
    parseInt(await commissioner.locator('ul.app-counts').getByRole('link', { name }).innerText(), 10);
  assert.ok((await count(/Responses awaiting your assessment/)) >= 1);
  assert.ok((await count(/Extension requests to decide/)) >= 1);
  await checkAccessibility(commissioner, "the commissioner's home page with queues");
  await commissioner
    .getByRole('region', { name: 'Responses awaiting your assessment' })
    .getByRole('link', { name: new RegExp(analysis) })
    .click();
  await commissioner.getByRole('heading', { name: `Action ${analysis}` }).waitFor();
  await commissioner.goto(`${base}/`);
  await commissioner
    .getByRole('region', { name: 'Extension requests to decide' })
    .getByRole('link', { name: new RegExp(figures) })
    .click();
  await commissioner.getByRole('heading', { name: `Action ${figures}` }).waitFor();

  // The commissioner asks for more on the first, and approves the extension.
  await openAction(commissioner, analysis);
  await commissioner.getByLabel('Ask for further information').check();
  await commissioner.getByLabel('Note').fill('Please break the figures down by ethnic group.');
  await commissioner.getByRole('button', { name: 'Record assessment' }).click();
  await commissioner.getByText('The assessment was recorded').waitFor();
  await openAction(commissioner, figures);
  await checkAccessibility(commissioner, 'an extension awaiting a decision');
  await commissioner.getByLabel('Approve the new due date').check();
  await commissioner.getByRole('button', { name: 'Record decision' }).click();
  await commissioner.getByText('The decision on the extension was recorded').waitFor();
  assert.match(await commissioner.locator('main').innerText(), /Extended/);

  // The force responds again; the commissioner accepts; the action closes.
  await openAction(liaison, analysis);
  await liaison.getByRole('textbox', { name: 'Response', exact: true }).fill('Added: the breakdown by ethnic group.');
  await liaison.getByRole('button', { name: 'Submit response' }).click();
  await liaison.getByText('The response was submitted').waitFor();
  await openAction(commissioner, analysis);
  await commissioner.getByLabel('Accept the response and close the action').check();
  await commissioner.getByRole('button', { name: 'Record assessment' }).click();
  await commissioner.getByText('The assessment was recorded').waitFor();
  const timeline = await commissioner.locator('.app-timeline h3').allTextContents();
  assert.deepEqual(timeline, [
    'Recorded from the minutes',
    'Response submitted',
    'Further information requested',
    'Response submitted',
    'Response accepted: action closed',
  ]);
  assert.match(await commissioner.locator('.govuk-summary-list').first().innerText(), /Closed/);
  await checkAccessibility(commissioner, 'a closed action');

  // The overdue action is on every role's home page.
  const admin = await as('admin');
  for (const [role, page] of Object.entries({ admin, secretariat, commissioner, liaison })) {
    await page.goto(`${base}/`);
    await hydrated(page);
    const panel = page.locator('section.app-deadlines');
    await panel.getByRole('link', { name: overdue }).waitFor();
    const row = panel.locator('tr', { has: page.getByRole('link', { name: overdue }) });
    assert.match(await row.innerText(), /Overdue/, `${role}: ${overdue} is shown as overdue`);
    await checkAccessibility(page, `home page as ${role}`);
    page.assertNoProblems();
  }
  for (const page of [admin, secretariat, commissioner, liaison]) await page.context().close();

  // The reminder job has emailed the force about it, with a link to the action.
  const email = await setup.smtp.waitFor(
    (m) => m.to.includes(setup.server.accounts.force_liaison.email) && m.data.includes(`Subject: Action ${overdue} is overdue`),
  );
  assert.match(email.data, /\/actions\/\d+/);
  // And the Commissioner was told of the response to assess, the force of the request for
  // further information.
  await setup.smtp.waitFor(
    (m) =>
      m.to.includes(setup.server.accounts.commissioner.email) &&
      m.data.includes(`Subject: Action ${analysis}: a response awaits your assessment`),
  );
  await setup.smtp.waitFor(
    (m) =>
      m.to.includes(setup.server.accounts.force_liaison.email) &&
      m.data.includes(`Subject: Action ${analysis}: the Commissioner asks for further information`),
  );
});

test('each person chooses the emails they get', async () => {
  const base = setup.server.base;
  const page = await as('commissioner');
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: 'Emails you get' }).click();
  await page.getByRole('heading', { name: 'Emails you get' }).waitFor();
  await hydrated(page);
  const more = page.getByLabel('Someone asks for more time on an action');
  assert.ok(await more.isChecked(), 'every email is on until turned off');
  await more.uncheck();
  await page.getByRole('button', { name: 'Save my choice' }).click();
  await page.getByText('Your choice of emails was saved.').waitFor();
  await page.reload();
  assert.ok(!(await page.getByLabel('Someone asks for more time on an action').isChecked()));
  assert.ok(await page.getByLabel('The force submits a response or answers a question').isChecked());
  await checkAccessibility(page, 'emails you get');
  page.assertNoProblems();
  await page.context().close();
});

test('the register filters by keyboard and exports what it shows', async () => {
  const base = setup.server.base;
  const page = await as('commissioner');
  await page.goto(`${base}/actions`);
  await hydrated(page);
  await page.getByLabel('Status').selectOption('closed');
  await page.getByLabel('Overdue only').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('overdue') === 'on');
  await page.getByText('No actions match.').waitFor();
  // A mistyped date is reported beside the field and kept as typed.
  // Search finds an action by a word of its text.
  await page.goto(`${base}/actions`);
  await hydrated(page);
  await page.getByLabel('Search').fill('body-worn');
  await page.getByRole('button', { name: 'Show actions' }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === 'body-worn');
  const found = page.locator('table.app-register tbody tr');
  await found.first().getByText(/review body-worn video/).waitFor();
  assert.equal(await found.count(), 1);
  await checkAccessibility(page, 'the register searched');
  await page.goto(`${base}/actions?due_from=31/02/2026`);
  await hydrated(page);
  await page.locator('#due_from-error').waitFor();
  assert.equal(await page.getByLabel('Due from').inputValue(), '31/02/2026');
  await checkAccessibility(page, 'the register with a bad date');
  // The CSV holds the filtered rows.
  const response = await page.request.get(`${base}/actions.csv?status=open&sort=reference`);
  assert.equal(response.status(), 200);
  const csv = await response.text();
  assert.ok(csv.startsWith('\ufeffReference,Board,Action,'), csv.slice(0, 80));
  const rows = csv.trim().split('\r\n');
  assert.ok(rows.length > 1);
  assert.ok(rows.slice(1).every((row) => row.includes(',Open,')), csv);
  page.assertNoProblems();
  await page.context().close();
});

test('force liaison responds and the secretariat records an action without JavaScript', async () => {
  const base = setup.server.base;
  const liaison = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(liaison, base, setup.server.accounts.force_liaison);
  // Demo action 2 is the force's and overdue.
  await liaison.goto(`${base}/actions/2`);
  await liaison.getByRole('button', { name: 'Submit response' }).click();
  await liaison.locator('#response-error').getByText('Enter the response').waitFor();
  await checkAccessibilityAt(setup.browser, liaison.url(), 'a refused response without JavaScript');
  await liaison.getByRole('textbox', { name: 'Response', exact: true }).fill('The panel reviewed 40 videos; report attached.');
  await liaison.getByRole('button', { name: 'Submit response' }).click();
  await liaison.getByText('The response was submitted').waitFor();
  assert.match(await liaison.locator('.app-timeline').innerText(), /The panel reviewed 40 videos/);
  await liaison.context().close();

  const secretariat = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(secretariat, base, setup.server.accounts.secretariat);
  await secretariat.goto(`${base}/actions/new`);
  await secretariat.getByLabel('What must be done').fill('Share the custody audit');
  await secretariat.getByLabel('Due date').fill('someday');
  await secretariat.getByRole('button', { name: 'Record action' }).click();
  await secretariat.locator('#due-error').waitFor();
  // What was typed is kept beside the errors.
  assert.equal(await secretariat.getByLabel('What must be done').inputValue(), 'Share the custody audit');
  assert.equal(await secretariat.getByLabel('Due date').inputValue(), 'someday');
  await secretariat.getByLabel('Board').selectOption({ label: 'Strategic Policing and Crime Board (SPCB)' });
  await secretariat.getByLabel('Topic').selectOption({ label: 'Custody' });
  await secretariat.getByLabel('Force', { exact: true }).check();
  await secretariat.getByLabel("Owner's name or team").fill('Custody lead');
  await secretariat.getByLabel('Due date').fill('20 working days');
  await secretariat.getByRole('button', { name: 'Record action' }).click();
  await secretariat.getByText('The action was recorded').waitFor();
  await secretariat.context().close();
});

test("force liaison's home page lists a question put to the force", async () => {
  const base = setup.server.base;
  // The demo's second question is a draft: the commissioner puts it.
  const commissioner = await as('commissioner');
  await commissioner.goto(`${base}/questions/2`);
  await hydrated(commissioner);
  await commissioner.getByRole('button', { name: 'Put this question to the Chief Constable' }).click();
  await commissioner.getByText(/put to the force/i).first().waitFor();
  const liaison = await as('force_liaison');
  await liaison.goto(`${base}/`);
  await hydrated(liaison);
  const owed = liaison.getByRole('region', { name: 'Questions to answer' });
  await owed.getByRole('link', { name: /How many officers from minority ethnic backgrounds left the force/ }).waitFor();
  assert.ok(
    parseInt(await liaison.locator('ul.app-counts').getByRole('link', { name: /Questions to answer/ }).innerText(), 10) >= 1,
  );
  await checkAccessibility(liaison, "force liaison's home page with queues");
  await owed.getByRole('link', { name: /How many officers/ }).click();
  await liaison.getByLabel("The force's answer").waitFor();
  liaison.assertNoProblems();
  for (const page of [commissioner, liaison]) await page.context().close();
});

test('a new question is checked before it goes to the Chief Constable', async () => {
  const base = setup.server.base;
  const page = await as('commissioner');
  await page.goto(`${base}/questions/new`);
  await hydrated(page);
  await page.getByLabel('Board').selectOption({ label: 'Strategic Policing and Crime Board (SPCB)' });
  await page.getByLabel('Question', { exact: true }).fill('How many complaints about stop and search were upheld?');
  await page.getByLabel('Topic').selectOption({ label: 'Complaints' });
  await page.getByLabel('Answer due').fill('10 working days');
  // Enter in a field does not send it: it goes to the check step, as a draft.
  await page.getByLabel('Answer due').press('Enter');
  await page.getByText('Check your question').waitFor();
  assert.match(await page.locator('main').innerText(), /Draft/);
  await checkAccessibility(page, 'check your question');
  const liaison = await as('force_liaison');
  await liaison.goto(`${base}/`);
  assert.ok(!(await liaison.locator('main').innerText()).includes('How many complaints about stop and search'));
  await page.getByRole('button', { name: 'Put this question to the Chief Constable' }).click();
  await page.getByText(/put to the force/i).first().waitFor();
  await liaison.goto(`${base}/`);
  await liaison.getByRole('link', { name: /How many complaints about stop and search were upheld/ }).waitFor();
  page.assertNoProblems();
  for (const p of [page, liaison]) await p.context().close();
});
