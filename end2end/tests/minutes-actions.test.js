// Minutes as secretaries write them, in the browser: the secretariat pastes the corpus's
// minutes from Word (services/tests/corpora/minutes/word-pasted.txt: bullets, numbering,
// bold, dashes, non-breaking spaces, titles as owners, due dates as minutes state them) and
// on the first save every line that names an action is either found or listed, with its
// reason, above the button — with JavaScript on and off. A line that could not be read and
// a line that was read are corrected on the review page; the minutes, once published, show
// one line per action with its reference.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

const CORPUS = readFileSync(
  new URL('../../services/tests/corpora/minutes/word-pasted.txt', import.meta.url),
  'utf8',
);

/** A working day about `days` ahead, `YYYY-MM-DD`: a corrected due date nobody doubts. */
const aheadWorkingDay = (days) => workingDay(days, 1);

/** A working day `days` ago or the one before it, `YYYY-MM-DD`: a meeting just held. */
const pastWorkingDay = (days) => workingDay(-days, -1);

/** The number of the corpus line that contains `words` (1-based, as the page counts). */
function lineOf(words) {
  const index = CORPUS.split('\n').findIndex((line) => line.includes(words));
  assert.ok(index >= 0, `the corpus has a line with ${words}`);
  return index + 1;
}

/** Pastes the corpus as the minutes of `meeting` and saves: the review page opens. */
async function pasteCorpus(page, meeting, javaScript) {
  await page.goto(`${setup.server.base}/meetings/${meeting}/minutes`);
  if (javaScript) await hydrated(page);
  await page.getByLabel('Minutes (Markdown)').fill(CORPUS);
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await page.getByRole('heading', { name: 'Actions in the minutes' }).waitFor();
  if (javaScript) await hydrated(page);
}

/** Checks the review page lists `found` actions and the unreadable lines, these first. */
async function checkReview(page, found, unreadable) {
  await page.getByRole('heading', { name: `New actions found (${found})` }).waitFor();
  await page
    .getByRole('heading', {
      name: `Lines that name an action but could not be read (${unreadable.length})`,
    })
    .waitFor();
  const cards = page.locator('.app-unreadable-line');
  assert.equal(await cards.count(), unreadable.length);
  for (const [index, [words, reason]] of unreadable.entries()) {
    const card = cards.nth(index);
    assert.match(await card.innerText(), new RegExp(`Line ${lineOf(words)} could not be read`));
    assert.ok((await card.innerText()).includes(reason), `line with ${words}: ${reason}`);
  }
  // Every unreadable line is shown above the button that creates the others.
  const [lastCard, button] = await Promise.all([
    cards.last().boundingBox(),
    page.getByRole('button', { name: `Create ${found} actions` }).boundingBox(),
  ]);
  assert.ok(lastCard.y < button.y, 'the unreadable lines come before the button');
  const main = await page.locator('main').innerText();
  for (const text of [
    'Review a sample of 50 body-worn video recordings',
    'Provide the disparity figures broken down by age and ethnicity',
    'Brief ward councillors on the new Section 60 guidance',
    'Publish the “grounds recorded” audit',
    'Write to the IOPC about the thematic review',
    'Present the taser data',
  ]) {
    assert.ok(main.includes(text), `found: ${text}`);
  }
}

/** Completes the unreadable line with `words` on the review page and ticks it to create. */
async function completeLine(page, words, { owner, due }) {
  const line = lineOf(words);
  if (owner) await page.getByLabel(`Who owns the action on line ${line}`).selectOption(owner);
  await page.getByLabel(`Due date (line ${line})`).fill(due);
  await page.getByLabel(`Topic of the action on line ${line}`).selectOption({ label: 'Stop and search' });
  await page.getByLabel(`Create the action on line ${line}`).check();
}

/** Words of each line of the corpus that names an action (the ACTION LOG aside). */
const ACTION_WORDS = [
  'worn video recordings',
  'disparity figures',
  'ward councillors',
  'stop and search training',
  'complaints arising from searches',
  'grounds recorded',
  'thematic review',
  'terms of reference',
  'taser data',
  'Chief Inspector Jones',
  'look into the complaint soon',
];

/** Each action's line is a paragraph or list item of its own in `minutes`. */
async function checkOneLinePerAction(minutes) {
  const blocks = await minutes.locator('p, li').allInnerTexts();
  for (const words of ACTION_WORDS) {
    const holding = blocks.filter((text) => text.includes(words));
    assert.equal(holding.length, 1, `one line has ${words}`);
    const others = ACTION_WORDS.filter((w) => w !== words && holding[0].includes(w));
    assert.deepEqual(others, [], `the line with ${words} holds no other action`);
  }
}

/** The references listed once the actions were created. */
async function createdReferences(page) {
  await page.getByText('The actions were created').waitFor();
  const year = new Date().getFullYear();
  const links = await page.locator('main li a').allTextContents();
  return links.filter((text) => text.startsWith(`SPCB/${year}/`));
}

test('Word minutes yield every action on the first save; lines are corrected on the review page (JavaScript on)', async () => {
  const base = setup.server.base;
  const page = await newPage(setup.browser);
  await signIn(page, base, setup.server.accounts.secretariat);

  // The demo's second meeting: held a month ago, its next meeting three weeks ahead.
  await pasteCorpus(page, 2, true);
  await checkReview(page, 9, [
    ['Chief Inspector Jones', 'Chief Inspector Jones'],
    ['look into the complaint soon', 'End the line with the due date'],
    ['ACTION LOG', 'colon'],
  ]);
  await checkAccessibility(page, 'actions in Word minutes');

  // The line naming an officer the office has no title for is completed here.
  const due = aheadWorkingDay(40);
  await completeLine(page, 'Chief Inspector Jones', { owner: 'force', due });
  // A line that was read is corrected too: the Chief Constable's action gets a name.
  const disparity = lineOf('disparity figures');
  await page.getByText(`Correct line ${disparity}`).click();
  await page
    .getByLabel(`Owner's name or team (line ${disparity})`)
    .fill('Chief Constable (Craig Guildford)');
  await page.getByRole('button', { name: 'Create 9 actions' }).click();
  const references = await createdReferences(page);
  assert.equal(references.length, 10, `created: ${references}`);
  await checkAccessibility(page, 'actions created from Word minutes');

  // Each ACTION line reads as its own line, its action's reference and due date beside it.
  await page.goto(`${base}/meetings/2/minutes`);
  await hydrated(page);
  const minutes = page.locator('.app-minutes').first();
  const links = minutes.locator('a[href^="/actions/"]');
  assert.equal(await links.count(), 10);
  await checkOneLinePerAction(minutes);
  const bullet = minutes.locator('p', { hasText: 'worn video recordings' });
  assert.match(await bullet.innerText(), /— SPCB\/\d{4}\/\d+, due Friday 26 February 2027$/);

  // The corrected action records what was corrected; the minutes keep the line as written.
  await minutes.locator('p', { hasText: 'disparity figures' }).getByRole('link').click();
  await page.getByRole('heading', { name: /^Action SPCB\// }).waitFor();
  const action = await page.locator('main').innerText();
  assert.match(action, /Chief Constable \(Craig Guildford\)/);
  assert.match(action, /the minutes say .Chief Constable./);
  assert.match(page.url(), /\/actions\/\d+$/);
  await page.goto(`${base}/meetings/2/minutes`);
  await hydrated(page);

  // Published: submitted, approved at a meeting held since, published; one action public.
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.getByText('The minutes were submitted for approval').waitFor();
  await page.goto(`${base}/boards/1`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Add a meeting' }).click();
  await page.getByRole('heading', { name: 'Add a meeting' }).waitFor();
  await hydrated(page);
  await page.getByLabel('Date').fill(pastWorkingDay(7));
  await page.getByLabel('Start time (London)').fill('10:00');
  await page.getByLabel('Place', { exact: true }).fill('Lloyd House, Committee Room 1');
  await page.getByLabel('Status').selectOption('held');
  await page.getByRole('button', { name: 'Add meeting' }).click();
  await page.getByText('The meeting was added').waitFor();
  await page.goto(`${base}/meetings/2/minutes`);
  await hydrated(page);
  await page.getByLabel('Approved at the meeting of').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Record approval' }).click();
  await page.getByText('The approval was recorded').waitFor();
  // Publishing offers each action set at the meeting, ticked; all but the panel's are kept
  // back for now.
  const reference = (await bullet.innerText()).match(/SPCB\/\d{4}\/\d+/)[0];
  const offered = page.getByRole('group', { name: 'Publish these actions with the minutes' }).getByRole('checkbox');
  assert.equal(await offered.count(), 10);
  await checkAccessibility(page, 'minutes to publish with their actions');
  for (const box of await offered.all()) {
    const label = await page.locator(`label[for="${await box.getAttribute('id')}"]`).innerText();
    assert.ok(await box.isChecked(), `ticked by default: ${label}`);
    if (!label.startsWith(`${reference}:`)) await box.uncheck();
  }
  await page.getByRole('button', { name: 'Publish minutes' }).click();
  await page.getByText('The minutes are published').waitFor();
  await page.getByRole('link', { name: new RegExp(reference.replaceAll('/', '\\/')) }).click();
  await page.getByRole('heading', { name: `Action ${reference}` }).waitFor();
  await hydrated(page);
  assert.match(await page.locator('main').innerText(), /Public\s+Published/);

  // The panel's answer came by letter: the office records it as the panel's words.
  await hydrated(page);
  await page.getByLabel('Response', { exact: true }).fill('Fifty recordings were reviewed; the report is attached.');
  await page.getByRole('button', { name: 'Record response' }).click();
  await page.locator('#channel-error').waitFor();
  assert.match(await page.locator('#received_on-error').innerText(), /Enter the date the response was received/);
  page.expectStatusErrors(400);
  await checkAccessibility(page, 'a response recorded for a partner, with errors');
  await page.getByLabel('Date it was received').fill(pastWorkingDay(2));
  await page.getByLabel('How it was received').selectOption('letter');
  await page.getByRole('button', { name: 'Record response' }).click();
  await page.getByText('The response was submitted').waitFor();
  assert.match(await page.locator('main').innerText(), /From Community Scrutiny Panel\. Received by letter on /);
  // The office chooses to publish the panel's words as written.
  await hydrated(page);
  await page.getByRole('link', { name: /Choose what the public reads/ }).click();
  await page.getByRole('heading', { name: 'What the public reads' }).waitFor();
  await hydrated(page);
  await page.getByLabel('Its words as written, less any phrases redacted below').check();
  await page.getByRole('button', { name: 'Save what is published' }).click();
  await page.getByText('Your choice was saved').waitFor();
  page.assertNoProblems();
  await page.context().close();

  // Signed out, without JavaScript: one line per action, only the published action shows
  // its reference, and the panel's response is the panel's.
  const reader = await newPage(setup.browser, { javaScriptEnabled: false });
  await reader.goto(`${base}/public/meetings/2`);
  await reader.getByRole('heading', { name: 'Minutes' }).waitFor();
  const published = reader.locator('.app-minutes');
  const publicLinks = published.locator('a[href^="/public/actions/"]');
  assert.equal(await publicLinks.count(), 1, 'only the published action is linked');
  assert.match(await publicLinks.first().innerText(), new RegExp(reference));
  await checkOneLinePerAction(published);
  await checkAccessibilityAt(setup.browser, reader.url(), 'published Word minutes');
  await publicLinks.first().click();
  await reader.getByText(`Action ${reference}`, { exact: true }).waitFor();
  const publicAction = await reader.locator('main').innerText();
  assert.match(publicAction, /Fifty recordings were reviewed; the report is attached\./);
  assert.match(publicAction, /Community Scrutiny Panel, /);
  assert.match(publicAction, /Received by letter on \w+ \d{1,2} \w+ \d{4}, recorded by the OPCC\./);
  assert.ok(!publicAction.includes('The force,'), "a partner's words are not the force's");
  await reader.context().close();
});

test('Word minutes yield every action on the first save without JavaScript', async () => {
  const base = setup.server.base;
  const page = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(page, base, setup.server.accounts.secretariat);

  // The demo's next meeting: no meeting after it yet, so "by the next meeting" is asked.
  await pasteCorpus(page, 3, false);
  await checkReview(page, 8, [
    ['stop and search training', 'The board has no meeting after this one yet'],
    ['Chief Inspector Jones', 'Chief Inspector Jones'],
    ['look into the complaint soon', 'End the line with the due date'],
    ['ACTION LOG', 'colon'],
  ]);
  await checkAccessibilityAt(setup.browser, page.url(), 'actions in Word minutes without JavaScript');

  // Ticked but left incomplete, the line is refused beside its field and nothing is lost.
  const training = lineOf('stop and search training');
  await page.getByLabel(`Topic of the action on line ${training}`).selectOption({ label: 'Stop and search' });
  await page.getByLabel(`Create the action on line ${training}`).check();
  await page.getByRole('button', { name: 'Create 8 actions' }).click();
  await page.locator(`#due_${training}-error`).waitFor();
  page.expectStatusErrors(400);
  assert.ok(await page.getByLabel(`Create the action on line ${training}`).isChecked());

  await completeLine(page, 'stop and search training', { due: aheadWorkingDay(50) });
  await page.getByRole('button', { name: 'Create 8 actions' }).click();
  const references = await createdReferences(page);
  assert.equal(references.length, 9, `created: ${references}`);
  await page.context().close();
});

test("the secretariat adds an owner's title, and lines naming it are read from then on", async () => {
  const base = setup.server.base;
  const page = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(page, base, setup.server.accounts.secretariat);
  await page.goto(`${base}/minutes/owner-titles`);
  await checkAccessibilityAt(setup.browser, page.url(), "owners' titles");
  // The demo's own titles are listed beside those every force has.
  const table = page.locator('main table');
  assert.match(await table.innerText(), /Community Scrutiny Panel\s+Partner/);
  await page.getByRole('button', { name: 'Add title' }).click();
  await page.locator('#title-error').waitFor();
  page.expectStatusErrors(400);
  await page.getByLabel('Title', { exact: true }).fill('Chief Inspector');
  await page.getByLabel('Whose title it is').selectOption('force');
  await page.getByRole('button', { name: 'Add title' }).click();
  await page.getByText('The title was added').waitFor();
  assert.match(await table.innerText(), /Chief Inspector\s+Force/);
  await page.context().close();
});
