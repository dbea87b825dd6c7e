// The equality framework, as the commissioner uses it: a question tagged with an equality
// objective and a protected characteristic, its answer assessed as "partly assured" with
// a reason (refused first without one), and both seen in the coverage page, the briefing
// pack, the public question and the annual equality report. The forms are used with
// JavaScript off; every new page passes axe-core.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  await commissioner.getByLabel('Objective to update').selectOption({ label: OBJECTIVE });
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
    // Status and assurance are one sentence; what was not chosen is not shown.
    assert.match(text, /The Commissioner is partly assured by the answer\./);
    assert.ok(!/None chosen|Not recorded yet/.test(text), 'empty equality fields are not public');
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
  // The published report is fixed: the question shows once a new version is published.
  const reader = await newPage(setup.browser, { javaScriptEnabled: false });
  await reader.goto(`${base}/public/equality`);
  await reader.getByRole('link', { name: /^Equality report / }).click();
  assert.ok(!(await reader.locator('main').innerText()).includes(QUESTION));
  // Published again without JavaScript, as version 2 with what changed.
  await commissioner.goto(`${base}/equality/report`);
  await commissioner.getByLabel('What changed since the last version').fill('Adds the question on the use of force and its assessment.');
  await commissioner.getByRole('button', { name: 'Publish version 2' }).click();
  await commissioner.getByText('The report is on the public pages').waitFor();
  await reader.reload();
  const published = await reader.locator('main').innerText();
  assert.match(published, /What changed in this version: Adds the question on the use of force and its assessment\./);
  assert.ok(published.includes(QUESTION));
  assert.ok(published.includes(REASON));
  await checkAccessibilityAt(setup.browser, `${base}/public/equality`, 'the published equality reports');
  await checkAccessibilityAt(setup.browser, reader.url(), 'a published equality report');
});

test('a complaints file with a bad quarter, a negative count or a missing column is refused with line and reason; a good one draws its charts', async () => {
  const base = setup.server.base;
  // The upload is a plain form: used here without JavaScript.
  const page = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(page, base, setup.server.accounts.commissioner);
  const dir = mkdtempSync(join(tmpdir(), 'scrutineer-complaints-'));
  const upload = async (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    await page.goto(`${base}/evidence/complaints`);
    await page.getByLabel('Complaints file').setInputFiles(path);
    await page.getByRole('button', { name: 'Import file' }).click();
    await page.waitForURL(/\/evidence\/complaints\/imports\/\d+$/);
  };
  const problems = async () =>
    (await page.getByRole('table', { name: 'Problems' }).locator('tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));

  const HEAD = 'force,quarter,measure,value,msf_value,national_value';
  await upload('bad.csv', `\ufeff${HEAD}\r\nWest Mercia Police,2025/26 Q1,cases_logged,1520,1310,\r\nWest Mercia Police,2025/27 Q2,cases_logged,1490,1300,\r\nWest Mercia Police,2025/26 Q2,days_to_log,-3,4.4,4.1\r\n`);
  await page.getByRole('heading', { name: 'Complaints file not imported' }).waitFor();
  const bad = await problems();
  assert.deepEqual(bad.map((p) => p.slice(0, 2)), [['3', 'quarter'], ['4', 'value']]);
  assert.match(bad[0][2], /is not a quarter: write it as 2025\/26 Q1/);
  assert.match(bad[1][2], /negative/);
  const checker = await newPage(setup.browser);
  await signIn(checker, base, setup.server.accounts.commissioner);
  await checker.goto(page.url());
  await hydrated(checker);
  await checkAccessibility(checker, 'a refused complaints import');

  await upload('missing.csv', 'force,quarter,measure,value,msf_value\nWest Mercia Police,2025/26 Q1,cases_logged,1520,1310\n');
  const missing = await problems();
  assert.equal(missing[0][0], '1');
  assert.match(missing[0][2], /national_value are missing/);
  // Nothing saved: West Mercia has no figures (the demo's West Midlands has).
  await page.goto(`${base}/evidence/complaints`);
  assert.doesNotMatch(await page.locator('main').innerText(), /West Mercia/);

  await upload(
    'good.csv',
    `${HEAD}\r\nWest Mercia Police,2025/26 Q1,days_to_contact,4.2,3.1,3\r\nWest Mercia Police,2025/26 Q2,days_to_contact,6,3.2,3\r\nWest Mercia Police,2025/26 Q1,cases_logged,"1,520",1310,1200\r\nWest Mercia Police,2025/26 Q2,cases_logged,1490,1300,1210\r\n`,
  );
  await page.getByRole('heading', { name: 'Complaints figures imported' }).waitFor();
  await page.getByRole('link', { name: 'See the figures' }).click();
  await page.getByLabel('Force', { exact: true }).selectOption('west-mercia');
  await page.getByRole('button', { name: 'Show' }).click();
  const chart = page.getByRole('img', { name: /Working days to contact the complainant, West Mercia/ });
  await chart.waitFor();
  const table = page.getByRole('table', { name: 'Working days to contact the complainant, West Mercia: the figures' });
  assert.deepEqual(
    (await table.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim())),
    [['2025/26 Q1', '4.2', '3.1', '3'], ['2025/26 Q2', '6', '3.2', '3']],
  );
  assert.ok(await page.getByRole('img', { name: /Complaint cases logged, West Mercia/ }).isVisible());

  // A threshold flags the slow contact, and drafts a question from it.
  await page.getByLabel('Measure').selectOption({ label: 'Working days to contact the complainant' });
  await page.getByLabel('Flag when above the national figure by at least (%)').fill('50');
  await page.getByRole('button', { name: 'Add threshold' }).click();
  await page.getByText('The threshold was added').waitFor();
  assert.match(await page.locator('main').innerText(), /In 2025\/26 Q2 the force's figure \(6\) was 100% above the national figure \(3\)/);
  await page.getByRole('link', { name: /^Draft a question/ }).click();
  await page.waitForURL(/\/questions\/new/);
  assert.match(await page.getByLabel('Question', { exact: true }).inputValue(), /working days to contact the complainant/);

  await checker.goto(`${base}/evidence/complaints`);
  await hydrated(checker);
  await checkAccessibility(checker, 'the complaints figures');
});

test('a contract is added with its monitoring dates and a return recorded, without JavaScript', async () => {
  const base = setup.server.base;
  const page = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(page, base, setup.server.accounts.secretariat);
  await page.goto(`${base}/equality/contracts`);
  // The demo's commissioned services are listed.
  assert.match(await page.locator('main').innerText(), /Safer Lives CIC/);
  await page.getByLabel('Grant').check();
  await page.getByLabel('What it is for').fill('Restorative justice service');
  await page.getByLabel('Supplier or recipient').fill('Restore Together');
  await page.getByLabel('Value').fill('£60,000');
  await page.getByLabel('Starts on').fill('2026-04-01');
  await page.getByLabel('Ends on').fill('2027-03-31');
  await page.getByLabel('Equality requirements').fill('Monitor who is offered the service, by every protected characteristic.');
  await page.getByLabel('Managed in the OPCC by').fill('Head of Commissioning');
  await page.getByLabel('Monitoring returns due on').fill('2026-10-31\n2027-09-30');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  // A return after the period (plus 90 days) is refused beside the field, the rest kept.
  await page.locator('#monitoring-error').waitFor();
  assert.match(await page.locator('#monitoring-error').innerText(), /outside the contract's period/);
  assert.equal(await page.getByLabel('Supplier or recipient').inputValue(), 'Restore Together');
  await page.getByLabel('Monitoring returns due on').fill('2026-10-31\n2027-03-31');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByText('The contract or grant was added').waitFor();
  await page.getByLabel('Return', { exact: true }).selectOption('2026-10-31');
  await page.getByLabel('Received on').fill('2026-11-02');
  await page.getByLabel('Evidence received').fill('Monitoring by age, sex, ethnicity and disability.');
  await page.getByLabel('At risk').check();
  await page.getByRole('button', { name: 'Record return' }).click();
  await page.getByText('The return was recorded').waitFor();
  const returns = page.getByRole('table', { name: 'Monitoring returns' });
  assert.match(await returns.locator('tbody tr').first().innerText(), /Received on 2026-11-02[\s\S]*At risk/);
  const checker = await newPage(setup.browser);
  await signIn(checker, base, setup.server.accounts.secretariat);
  await checker.goto(page.url().split('?')[0]);
  await hydrated(checker);
  await checkAccessibility(checker, 'a contract');
  await checker.goto(`${base}/equality/contracts`);
  await hydrated(checker);
  await checkAccessibility(checker, 'contracts and grants');
});
