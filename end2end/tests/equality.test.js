// The equality framework, as the commissioner uses it: a question tagged with an equality
// objective and a protected characteristic, its answer assessed as "partly assured" with
// a reason (refused first without one), and both seen in the coverage page, the briefing
// pack, the public question and the annual equality report. The forms are used with
// JavaScript off; every new page passes axe-core.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, checkAccessibilityAt, hydrated, newPage, serverAndBrowser, signIn } from '../support.js';

const setup = serverAndBrowser();

const QUESTION = 'How many officers from minority ethnic backgrounds left the force this year, and why?';
const OBJECTIVE = 'Attract and retain staff and volunteers that reflect our diverse communities.';
const REASON = 'The leavers are counted, but the exit interviews are not yet analysed by ethnicity.';

test('a question tagged and assessed as partly assured shows in coverage, the briefing pack, the public question and the annual report', async () => {
  const base = setup.server.base;
  const accounts = setup.server.accounts;
  // The commissioner's forms, without JavaScript.
  const commissioner = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(commissioner, base, accounts.commissioner);
  // A page with JavaScript, for axe-core.
  const checker = await newPage(setup.browser);
  await signIn(checker, base, accounts.commissioner);

  // The objectives register, loaded from the seed word for word, with its review reminder.
  await commissioner.goto(`${base}/equality`);
  await commissioner.getByRole('heading', { name: 'Equality Objectives 2021–2025' }).waitFor();
  const register = await commissioner.locator('main').innerText();
  assert.ok(register.includes(OBJECTIVE), 'the seed objective, word for word');
  assert.match(register, /was due for review on Monday 31 March 2025/);
  await checker.goto(`${base}/equality`);
  await hydrated(checker);
  await checkAccessibility(checker, 'the equality objectives');

  // A progress update, without JavaScript.
  await commissioner.getByLabel('Objective', { exact: true }).selectOption({ label: OBJECTIVE });
  await commissioner.getByLabel('On track').check();
  await commissioner.getByLabel('What has happened').fill('Exit interviews now record ethnicity.');
  await commissioner.getByRole('button', { name: 'Record progress' }).click();
  await commissioner.getByText('The progress update was recorded').waitFor();
  assert.ok((await commissioner.locator('main').innerText()).includes('Exit interviews now record ethnicity.'));

  // The demo's draft question: put to the force, then tagged.
  await commissioner.goto(`${base}/questions`);
  await commissioner.getByRole('link', { name: QUESTION }).first().click();
  await commissioner.getByRole('button', { name: 'Put this question to the Chief Constable' }).click();
  await commissioner.getByText('The question was put to the force').waitFor();
  const questionUrl = commissioner.url().split('?')[0];
  const questionId = questionUrl.split('/').pop();
  await commissioner.getByText('Choose what this question concerns').click();
  await commissioner.getByLabel(OBJECTIVE).check();
  await commissioner.getByLabel('Race', { exact: true }).check();
  await commissioner.getByRole('button', { name: 'Save equality tags' }).click();
  await commissioner.getByText('The equality tags were saved').waitFor();
  const equality = commissioner.locator('dl', { has: commissioner.getByText('Protected characteristics') });
  assert.match(await equality.innerText(), /Race/);
  assert.ok((await equality.innerText()).includes(OBJECTIVE));

  // The force answers.
  const liaison = await newPage(setup.browser);
  await signIn(liaison, base, accounts.force_liaison);
  await liaison.goto(questionUrl);
  await liaison.getByLabel("The force's answer").fill('Twelve officers from minority ethnic backgrounds left; exit interviews are being analysed.');
  await liaison.getByRole('button', { name: 'Send answer' }).click();
  await liaison.getByText('The answer was sent').waitFor();

  // Partly assured needs a reason: refused beside the field, nothing saved.
  await commissioner.goto(questionUrl);
  await commissioner.getByLabel('Satisfactory').check();
  await commissioner.getByLabel('Partly assured').check();
  await commissioner.getByRole('button', { name: 'Record assessment' }).click();
  await commissioner.locator('#assurance_reason-error').waitFor();
  assert.match(await commissioner.locator('#assurance_reason-error').innerText(), /Say why the Commissioner is partly assured/);
  assert.ok(await commissioner.getByLabel('Partly assured').isChecked(), 'the choice is kept');
  await commissioner.getByLabel('Satisfactory').check();
  await commissioner.getByLabel('Why (needed with an assurance level)').fill(REASON);
  await commissioner.getByRole('button', { name: 'Record assessment' }).click();
  await commissioner.getByText('The assessment was recorded').waitFor();
  const assessed = await commissioner.locator('main').innerText();
  assert.match(assessed, /Answer satisfactory/, 'the status: done');
  assert.match(assessed, /Partly assured/, 'the assurance: a fact of its own');
  assert.ok(assessed.includes(REASON));
  await commissioner.getByRole('button', { name: 'Publish on the public pages' }).click();
  await commissioner.getByText('The question is now on the public pages').waitFor();
  await checker.goto(questionUrl);
  await hydrated(checker);
  await checkAccessibility(checker, 'a tagged and assessed question');

  // Coverage: the objective and Race were scrutinised this year.
  await commissioner.goto(`${base}/equality/coverage`);
  const objectiveRow = commissioner.getByRole('row', { name: new RegExp(`^${OBJECTIVE.replace('.', '\\.')}`) });
  assert.match(await objectiveRow.innerText(), /1 question/);
  const raceRow = commissioner.locator('table', { has: commissioner.getByText(/^Protected characteristics,/) }).getByRole('row', { name: /^Race/ });
  assert.match(await raceRow.innerText(), /question/);
  const unscrutinised = await commissioner.locator('main').innerText();
  assert.match(unscrutinised, /No scrutiny since/);
  assert.match(unscrutinised, /Gender reassignment/, 'a characteristic nobody asked about is flagged');
  await checker.goto(`${base}/equality/coverage`);
  await hydrated(checker);
  await checkAccessibility(checker, 'the coverage page');

  // The briefing pack of the meeting the question was raised at.
  const meetingLink = commissioner.locator('main').getByRole('link', { name: /^meeting of / });
  await commissioner.goto(questionUrl);
  const meetingHref = await meetingLink.first().getAttribute('href');
  await commissioner.goto(`${base}${meetingHref}/briefing`);
  const pack = commissioner.locator('main');
  await commissioner.getByRole('heading', { name: 'Equality', exact: true }).waitFor();
  const assuranceRow = pack.getByRole('row', { name: new RegExp(QUESTION.slice(0, 40)) });
  assert.match(await assuranceRow.innerText(), /Partly assured/);
  assert.ok((await assuranceRow.innerText()).includes(REASON));
  await checker.goto(`${base}${meetingHref}/briefing`);
  await hydrated(checker);
  await checkAccessibility(checker, 'the briefing pack with its equality section');

  // The public question, with JavaScript and without.
  for (const javaScriptEnabled of [true, false]) {
    const reader = await newPage(setup.browser, { javaScriptEnabled });
    await reader.goto(`${base}/public/questions/${questionId}`);
    const text = await reader.locator('main').innerText();
    assert.match(text, /Partly assured/);
    assert.ok(text.includes(REASON));
    assert.match(text, /Race/);
    assert.ok(text.includes(OBJECTIVE));
    await reader.context().close();
  }
  await checkAccessibilityAt(setup.browser, `${base}/public/questions/${questionId}`, 'the public question with its equality panel');

  // The annual report lists it under Race with its assurance; its CSV too; and the
  // published report (the demo publishes this year's) shows it to the public.
  await commissioner.goto(`${base}/equality/report`);
  const race = commissioner.getByRole('table', { name: 'Questions and actions: Race' });
  const row = race.getByRole('row', { name: new RegExp(QUESTION.slice(0, 40)) });
  assert.match(await row.innerText(), /Partly assured/);
  await checker.goto(`${base}/equality/report`);
  await hydrated(checker);
  await checkAccessibility(checker, 'the annual equality report');
  const csv = await checker.request.get(`${base}/equality/report.csv`);
  assert.equal(csv.status(), 200);
  const body = await csv.text();
  assert.ok(body.includes(`Scrutiny,Race,question,Question,${QUESTION.includes(',') ? `"${QUESTION}"` : QUESTION}`), body.slice(0, 400));
  const reader = await newPage(setup.browser, { javaScriptEnabled: false });
  await reader.goto(`${base}/public/equality`);
  await reader.getByRole('link', { name: /^Equality report / }).click();
  const published = await reader.locator('main').innerText();
  assert.ok(published.includes(QUESTION));
  assert.ok(published.includes(REASON));
  await checkAccessibilityAt(setup.browser, `${base}/public/equality`, 'the published equality reports');
  await checkAccessibilityAt(setup.browser, reader.url(), 'a published equality report');
});
