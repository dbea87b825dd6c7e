// A public record that is right, in the browser. The office records a force response that
// names an officer and links to the force's intranet; publishing the action does not
// publish the response; the office is shown the intranet link, redacts the officer's name
// and publishes the response; the Commissioner closes the action, not assured, with a
// follow-up. Read signed out without JavaScript: the name is "[redacted: …]" and appears
// nowhere in the page (its HTML or the data it hydrates from), status and assurance read
// as one sentence, the follow-up is linked both ways. The annual report, published again
// with what changed, is version 2; version 1 stays as it was at its own address.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAccessibility,
  checkAccessibilityAt,
  hydrated,
  newPage,
  signIn,
  serverAndBrowser,
  workingDay,
} from '../support.js';

const setup = serverAndBrowser();

const NAME = 'Jane Smith';

test("a force response is published with a name redacted, and the public reads one story", async () => {
  const base = setup.server.base;
  const office = await newPage(setup.browser);
  await signIn(office, base, setup.server.accounts.secretariat);
  await office.goto(`${base}/actions/new`);
  await hydrated(office);
  await office.getByLabel('Board').selectOption({ label: 'Strategic Policing and Crime Board (SPCB)' });
  await office.getByLabel('What must be done').fill("Publish the scrutiny panel's findings on stop and search");
  await office.getByLabel('Topic').selectOption({ label: 'Stop and search' });
  await office.getByLabel('Force', { exact: true }).check();
  await office.getByLabel("Owner's name or team").fill('Head of Stop and Search');
  await office.getByLabel('Due date').fill(workingDay(30, 1));
  await office.getByRole('button', { name: 'Record action' }).click();
  await office.getByText('The action was recorded').waitFor();
  const actionUrl = office.url().split('?')[0];
  const id = actionUrl.match(/\/actions\/(\d+)$/)[1];
  await hydrated(office);
  await office.getByRole('button', { name: 'Publish on the public pages' }).click();
  await office.getByText('The action is now on the public pages').waitFor();
  await hydrated(office);

  // The force's response came by email; the office records it, and is told who chooses
  // what the public reads of it.
  const form = await office.locator('main').innerText();
  assert.match(form, /What the public reads of it is chosen by the Commissioner's office/);
  await office
    .getByLabel('Response', { exact: true })
    .fill(`PC ${NAME} reviewed the findings with the panel; ${NAME}'s notes are at http://intranet/findings and the summary at https://www.gov.uk/stop-search.`);
  await office.getByLabel('Date it was received').fill(workingDay(-2));
  await office.getByLabel('How it was received').selectOption('email');
  await office.getByRole('button', { name: 'Record response' }).click();
  await office.getByText('The response was submitted').waitFor();
  await hydrated(office);
  assert.match(await office.locator('main').innerText(), /Public: Not published/);

  // Published, the action does not carry the response with it.
  const reader = await newPage(setup.browser, { javaScriptEnabled: false });
  await reader.goto(`${base}/public/actions/${id}`);
  assert.match(await reader.locator('main').innerText(), /has not published what it says yet/);
  assert.ok(!(await reader.content()).includes(NAME), 'an unchosen response is not sent');

  // The office chooses: the intranet link is pointed out, the name redacted, then published.
  await office.getByRole('link', { name: /Choose what the public reads/ }).click();
  await office.getByRole('heading', { name: 'What the public reads' }).waitFor();
  await hydrated(office);
  assert.match(await office.locator('.govuk-warning-text').innerText(), /http:\/\/intranet\/findings/);
  await checkAccessibility(office, 'what the public reads of a response');
  await office.getByLabel('Words to redact').fill(NAME);
  await office.getByLabel('Why').selectOption('personal_information');
  await office.getByRole('button', { name: 'Redact' }).click();
  await office.getByText('The phrase was redacted wherever it appears').waitFor();
  await hydrated(office);
  await office.getByLabel('Its words as written, less any phrases redacted below').check();
  await office.getByRole('button', { name: 'Save what is published' }).click();
  await office.getByText('Your choice was saved').waitFor();
  await hydrated(office);
  const chosen = await office.locator('main').innerText();
  assert.match(chosen, /Published as written, 1 phrase redacted/);
  assert.match(chosen, /Redacted by .+ on /);
  await checkAccessibility(office, 'a response published with a phrase redacted');
  office.assertNoProblems();
  await office.context().close();

  // The Commissioner closes it, not assured, with a follow-up the office publishes.
  const commissioner = await newPage(setup.browser);
  await signIn(commissioner, base, setup.server.accounts.commissioner);
  await commissioner.goto(actionUrl);
  await hydrated(commissioner);
  await commissioner.getByLabel('Accept the response and close the action').check();
  await commissioner.getByLabel('Not assured').check();
  await commissioner
    .getByLabel('Why (needed with an assurance level)')
    .fill('The findings are published but the force has not said what it will change.');
  await commissioner.getByText('Not assured? Record a follow-up action with the closure').click();
  await commissioner.getByLabel('Follow-up action (optional)').fill('Set out the changes made in response to the panel');
  await commissioner.getByLabel('Follow-up due date').fill(workingDay(40, 1));
  await commissioner.getByRole('button', { name: 'Record assessment' }).click();
  await commissioner.getByText('The assessment was recorded').waitFor();
  const followUpHref = await commissioner
    .locator('.govuk-summary-list__row', { hasText: 'Follow-up action' })
    .getByRole('link')
    .getAttribute('href');
  const followUp = followUpHref.match(/\/actions\/(\d+)/)[1];
  commissioner.assertNoProblems();
  await commissioner.context().close();
  const secretariat = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(secretariat, base, setup.server.accounts.secretariat);
  await secretariat.goto(`${base}/actions/${followUp}`);
  await secretariat.getByRole('button', { name: 'Publish on the public pages' }).click();
  await secretariat.getByText('The action is now on the public pages').waitFor();
  await secretariat.context().close();

  // Signed out, without JavaScript.
  await reader.goto(`${base}/public/actions/${id}`);
  const html = await reader.content();
  assert.ok(!html.includes(NAME), 'the redacted name is nowhere in the page or its data');
  const main = await reader.locator('main').innerText();
  assert.equal(
    await reader.getByRole('heading', { level: 1 }).innerText(),
    "Publish the scrutiny panel's findings on stop and search",
  );
  assert.match(main, /\nAction SPCB\/\d{4}\/\d{3}\n/);
  assert.match(main, /PC \[redacted: personal information\] reviewed the findings/);
  assert.match(main, /\[redacted: personal information\]'s notes/);
  assert.match(main, /Closed\. The Commissioner was not assured by the response\. A follow-up action, SPCB\/\d{4}\/\d{3}, was set\./);
  assert.ok(!/Done/.test(main), 'no "Done" beside "Not assured"');
  assert.match(main, /The force \(Head of Stop and Search\), /);
  assert.match(main, /Received by email on \w+ \d{1,2} \w+ \d{4}, recorded by the OPCC\./);
  assert.ok(!/\d{4}-\d{2}-\d{2}/.test(main), 'no ISO dates on a public page');
  await checkAccessibilityAt(setup.browser, reader.url(), 'a public action with a redacted response');
  await reader.locator('main').getByRole('link', { name: /^SPCB\/\d{4}\/\d{3}$/ }).first().click();
  await reader.waitForURL(`${base}/public/actions/${followUp}`);
  const follow = await reader.locator('main').innerText();
  assert.match(follow, /Set because the Commissioner was not assured by the response to SPCB\/\d{4}\/\d{3}\./);
  await reader.locator('main').getByRole('link', { name: /^SPCB\/\d{4}\/\d{3}$/ }).first().click();
  await reader.waitForURL(`${base}/public/actions/${id}`);
  await reader.context().close();
});

test('the annual report, published again, is version 2; version 1 is unchanged at its address', async () => {
  const base = setup.server.base;
  const year = (() => {
    const now = new Date();
    return now.getUTCMonth() < 3 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  })();
  // The demo published the report: version 1.
  const reader = await newPage(setup.browser, { javaScriptEnabled: false });
  await reader.goto(`${base}/public/equality/${year}`);
  const first = await reader.locator('main').innerText();
  const published = first.match(/Version 1, published ([^.]+)\./)[1];

  const commissioner = await newPage(setup.browser);
  await signIn(commissioner, base, setup.server.accounts.commissioner);
  await commissioner.goto(`${base}/equality/report?year=${year}`);
  await hydrated(commissioner);
  await commissioner.getByRole('button', { name: 'Publish version 2' }).click();
  await commissioner.locator('#change-error').waitFor();
  commissioner.expectStatusErrors(400);
  await checkAccessibility(commissioner, 'publishing a new version of the report, with an error');
  await commissioner.getByLabel('What changed since the last version').fill('Adds the follow-up action set in December.');
  await commissioner.getByRole('button', { name: 'Publish version 2' }).click();
  await commissioner.getByText('The report is on the public pages').waitFor();
  commissioner.assertNoProblems();
  await commissioner.context().close();

  await reader.goto(`${base}/public/equality/${year}`);
  const latest = await reader.locator('main').innerText();
  assert.match(latest, /Version 2, published /);
  assert.match(latest, /What changed in this version: Adds the follow-up action set in December\./);
  await checkAccessibilityAt(setup.browser, reader.url(), 'version 2 of the annual report');
  await reader.getByText('All versions (2)').click();
  await reader.getByRole('link', { name: `Version 1, published ${published}` }).click();
  await reader.waitForURL(`${base}/public/equality/${year}/versions/1`);
  const again = await reader.locator('main').innerText();
  assert.match(again, /This is an earlier version, kept as it was published\./);
  assert.match(again, new RegExp(`Version 1, published ${published.replace(/[()]/g, '\\$&')}\\.`));
  // What it said is what it said: the same text, bar the note that it is an earlier version.
  const body = (text) => text.split('Equality objectives and their progress')[1];
  assert.equal(body(again), body(first));
  await checkAccessibilityAt(setup.browser, reader.url(), 'version 1 of the annual report');
  await reader.context().close();
});
