// The board secretariat's whole flow, in the browser: a board, two meetings, an agenda,
// minutes written in Markdown, previewed, saved twice, compared, submitted, approved and
// published; then the public reads them, and nobody outside the OPCC reaches what is not
// published. Also: the preview without JavaScript, and reordering by keyboard.

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

/**
 * `YYYY-MM-DD`, `days` from today, or the working day before it: a meeting on a weekend
 * or bank holiday is asked about first.
 */
const day = (days) => workingDay(days, -1);

const MINUTES = `## 1. Review of Action Tracker

| Action | Owner | Status |
|---|---|---|
| Stop and search analysis | Force | Open |

- Apologies from the Deputy Chief Constable
- Minutes of the last meeting agreed
`;

const state = {};

async function addMeeting(page, base, boardPath, date, status) {
  await page.goto(`${base}${boardPath}`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Add a meeting' }).click();
  await page.getByRole('heading', { name: 'Add a meeting' }).waitFor();
  await hydrated(page);
  await page.getByLabel('Date').fill(date);
  await page.getByLabel('Start time (London)').fill('10:00');
  await page.getByLabel('Place', { exact: true }).fill('Lloyd House, Committee Room 1');
  await page.getByLabel('Status').selectOption(status);
  await page.getByRole('button', { name: 'Add meeting' }).click();
  await page.getByText('The meeting was added').waitFor();
  return new URL(page.url()).pathname;
}

test('the secretariat takes a meeting from board to published minutes', async () => {
  const base = setup.server.base;
  const page = await newPage(setup.browser);
  await signIn(page, base, setup.server.accounts.secretariat);

  // A board.
  await page.goto(`${base}/boards`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Add a board' }).click();
  await page.getByRole('heading', { name: 'Add a board' }).waitFor();
  await hydrated(page);
  await page.getByLabel('Short code').fill('EQB');
  await page.getByLabel('Name').fill('Equality Scrutiny Board');
  await page.getByLabel('Description (optional)').fill('Scrutiny of the force’s equality duties.');
  await page.getByRole('button', { name: 'Add board' }).click();
  await page.getByText('The board was added').waitFor();
  const boardPath = new URL(page.url()).pathname;
  await checkAccessibility(page, 'a new board');

  // A meeting: bad dates and a past meeting as "scheduled" are refused, beside the fields.
  await page.getByRole('button', { name: 'Add a meeting' }).click();
  await page.getByRole('heading', { name: 'Add a meeting' }).waitFor();
  await hydrated(page);
  await page.getByLabel('Date').fill('2026-02-30');
  await page.getByLabel('Start time (London)').fill('25:00');
  await page.getByRole('button', { name: 'Add meeting' }).click();
  await page.locator('#date-error').waitFor();
  assert.match(await page.locator('#date-error').innerText(), /real date/);
  assert.match(await page.locator('#time-error').innerText(), /real time/);
  assert.match(await page.locator('#location-error').innerText(), /Enter the place/);
  await checkAccessibility(page, 'add a meeting, with errors');
  await page.getByLabel('Date').fill(day(-40));
  await page.getByLabel('Start time (London)').fill('10:00');
  await page.getByLabel('Place', { exact: true }).fill('Lloyd House, Committee Room 1');
  await page.getByLabel('Status').selectOption('scheduled');
  await page.getByRole('button', { name: 'Add meeting' }).click();
  await page.locator('#status-error').getByText('A meeting in the past cannot be scheduled').waitFor();
  await page.getByLabel('Status').selectOption('held');
  await page.getByRole('button', { name: 'Add meeting' }).click();
  await page.getByText('The meeting was added').waitFor();
  const meetingPath = new URL(page.url()).pathname;
  state.meetingPath = meetingPath;
  await hydrated(page);

  // The agenda: an empty title is refused; three items; the last moved up.
  await page.getByRole('button', { name: 'Add item' }).click();
  await page.locator('#title-error').getByText("Enter the item's title").waitFor();
  for (const [title, purpose] of [
    ['Review of Action Tracker', 'assurance'],
    ['Stop and search disproportionality', 'assurance'],
    ['Summary of actions arising', 'information'],
  ]) {
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Lead (optional)').fill('Chief Constable');
    await page.getByLabel('Purpose').selectOption(purpose);
    await page.getByRole('button', { name: 'Add item' }).click();
    await page.locator('.app-agenda__item', { hasText: title }).waitFor();
  }
  await page.getByRole('button', { name: 'Move up Summary of actions arising' }).click();
  await page.locator('.app-agenda__item').nth(1).getByText('2. Summary of actions arising').waitFor();
  await checkAccessibility(page, 'meeting with agenda');

  // The printable agenda.
  await page.goto(`${base}${meetingPath}/agenda`);
  await hydrated(page);
  const rows = await page.locator('main tbody tr').allInnerTexts();
  assert.deepEqual(
    rows.map((r) => r.split('\t')[1]),
    ['Review of Action Tracker', 'Summary of actions arising', 'Stop and search disproportionality'],
  );
  await checkAccessibility(page, 'printable agenda');

  // A later meeting, at which the minutes will be approved; it stays unpublished.
  const laterPath = await addMeeting(page, base, boardPath, day(-5), 'held');
  state.laterPath = laterPath;

  // Minutes: preview, save, change, save again.
  await page.goto(`${base}${meetingPath}/minutes`);
  await hydrated(page);
  await page.getByLabel('Minutes (Markdown)').fill(MINUTES);
  // The live preview (an island): what was typed, rendered by the server as typing stops.
  await page.getByRole('heading', { name: 'Live preview' }).waitFor();
  assert.equal(
    await page.locator('.app-preview').last().locator('table td').first().innerText(),
    'Stop and search analysis',
  );
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('heading', { name: 'Preview of your unsaved changes' }).waitFor();
  const preview = page.locator('.app-preview').first();
  assert.equal(await preview.locator('table td').first().innerText(), 'Stop and search analysis');
  assert.equal(await preview.locator('li').count(), 2);
  await checkAccessibility(page, 'minutes with preview');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await page.getByText('Version 1 was saved').waitFor();
  await page.getByLabel('Minutes (Markdown)').fill(MINUTES.replace('agreed', 'agreed as a true record'));
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await page.getByText('Version 2 was saved').waitFor();

  // The history and the difference between the two versions.
  await page.getByRole('link', { name: 'History and changes' }).click();
  await page.getByRole('heading', { name: 'Minutes history' }).waitFor();
  await hydrated(page);
  await page.getByLabel('From', { exact: true }).selectOption('1');
  await page.getByLabel('To', { exact: true }).selectOption('2');
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('heading', { name: 'Changes from version 1 to version 2' }).waitFor();
  assert.match(await page.locator('main del').innerText(), /Minutes of the last meeting agreed$/);
  assert.match(await page.locator('main ins').innerText(), /agreed as a true record/);
  await checkAccessibility(page, 'minutes diff');

  // Submit, approve at the later meeting, publish.
  await page.goto(`${base}${meetingPath}/minutes`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.getByText('The minutes were submitted for approval').waitFor();
  await page.getByRole('button', { name: 'Record approval' }).click();
  await page.locator('#approved_at-error').waitFor();
  await page.getByLabel('Approved at the meeting of').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Record approval' }).click();
  await page.getByText('The approval was recorded').waitFor();
  await page.getByRole('button', { name: 'Publish minutes' }).click();
  await page.getByText('The minutes are published').waitFor();
  await checkAccessibility(page, 'published minutes, staff view');
  page.expectStatusErrors(400);
  page.assertNoProblems();
  await page.context().close();

  // Signed out: the published minutes, with their table and list, and the calendar feed.
  const id = meetingPath.split('/').pop();
  const publicPage = await newPage(setup.browser);
  await publicPage.goto(`${base}/public/meetings/${id}`);
  await hydrated(publicPage);
  await publicPage.getByRole('heading', { name: 'Minutes' }).waitFor();
  assert.match(await publicPage.locator('.app-minutes').innerText(), /agreed as a true record/);
  assert.equal(await publicPage.locator('.app-minutes table').count(), 1);
  await checkAccessibility(publicPage, 'public meeting');
  await publicPage.goto(`${base}/public/meetings`);
  assert.equal(await publicPage.locator(`main a[href="/public/meetings/${id}"]`).count(), 1);
  assert.equal(await publicPage.locator(`main a[href="${laterPath.replace('/meetings', '/public/meetings')}"]`).count(), 0);
  const feed = await (await fetch(`${base}/public/boards/EQB/meetings.ics`)).text();
  assert.match(feed, /^BEGIN:VCALENDAR\r\n/);
  assert.ok(feed.includes(`UID:meeting-${id}@scrutineer`));
  assert.ok(!feed.includes(`UID:meeting-${laterPath.split('/').pop()}@`), 'the unpublished meeting is in the feed');

  // The unpublished meeting: not found for the public, and no access for force liaison.
  const laterId = laterPath.split('/').pop();
  const hidden = await publicPage.goto(`${base}/public/meetings/${laterId}`);
  assert.equal(hidden.status(), 404);
  const staffOnly = await publicPage.goto(`${base}/meetings/${laterId}`);
  assert.equal(new URL(publicPage.url()).pathname, '/sign-in', `${staffOnly.status()}`);
  publicPage.expectStatusErrors(404);
  publicPage.assertNoProblems();
  await publicPage.context().close();

  const liaison = await newPage(setup.browser);
  await signIn(liaison, base, setup.server.accounts.force_liaison);
  assert.equal((await liaison.goto(`${base}/meetings/${laterId}`)).status(), 403);
  assert.equal((await liaison.goto(`${base}/meetings/${laterId}/minutes`)).status(), 403);
  assert.equal((await liaison.goto(`${base}/public/meetings/${laterId}`)).status(), 404);
  assert.equal((await liaison.goto(`${base}/public/meetings/${id}`)).status(), 200);
  const ics = await liaison.request.get(`${base}/meetings/${laterId}/meeting.ics`);
  assert.equal(ics.status(), 404);
  liaison.expectStatusErrors(403, 404);
  liaison.assertNoProblems();
  await liaison.context().close();
});

test('minutes preview and a refused save keep the text without JavaScript', async () => {
  const base = setup.server.base;
  assert.ok(state.laterPath, 'runs after the flow above');
  const page = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(page, base, setup.server.accounts.secretariat);
  await page.goto(`${base}${state.laterPath}/minutes`);
  await page.getByLabel('Minutes (Markdown)').fill('## Draft\n\n- first point\n');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('heading', { name: 'Preview of your unsaved changes' }).waitFor();
  assert.equal(await page.locator('.app-preview h4').innerText(), 'Draft');
  assert.equal(await page.getByLabel('Minutes (Markdown)').inputValue(), '## Draft\n\n- first point\n');
  await checkAccessibilityAt(setup.browser, page.url(), 'minutes preview without JavaScript');

  // Too long to save: the message is beside the field and the text is still there.
  const long = `${'x'.repeat(300 * 1024)}`;
  await page.getByLabel('Minutes (Markdown)').fill(long);
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await page.locator('#body-error').getByText('must be 256 KB or less').waitFor();
  assert.equal((await page.getByLabel('Minutes (Markdown)').inputValue()).length, long.length);
  await page.context().close();
});

test('the agenda can be reordered by keyboard', async () => {
  const base = setup.server.base;
  const page = await newPage(setup.browser);
  await signIn(page, base, setup.server.accounts.secretariat);
  await page.goto(`${base}${state.meetingPath}`);
  await hydrated(page);
  const first = page.getByRole('button', { name: 'Move down Review of Action Tracker' });
  await first.focus();
  await page.keyboard.press('Enter');
  await page.locator('.app-agenda__item').nth(1).getByText('2. Review of Action Tracker').waitFor();
  page.assertNoProblems();
  await page.context().close();
});

test('removing an agenda item and making a meeting private are asked about first', async () => {
  const base = setup.server.base;
  const page = await newPage(setup.browser);
  await signIn(page, base, setup.server.accounts.secretariat);
  await page.goto(`${base}${state.meetingPath}`);
  await hydrated(page);
  const items = page.locator('.app-agenda__item');
  const before = await items.count();
  await page.getByRole('button', { name: 'Remove Summary of actions arising' }).click();
  await page.getByRole('heading', { name: 'Remove “Summary of actions arising” from the agenda?' }).waitFor();
  await checkAccessibility(page, 'asked before removing an agenda item');
  await page.getByRole('link', { name: 'No, go back' }).click();
  await page.getByRole('heading', { name: /from the agenda\?/ }).waitFor({ state: 'detached' });
  assert.equal(await items.count(), before, 'nothing was removed');
  await page.getByRole('button', { name: 'Remove Summary of actions arising' }).click();
  await page.getByRole('button', { name: 'Yes, remove it' }).click();
  await page.getByText('The item was removed from the agenda').waitFor();
  assert.equal(await items.count(), before - 1);
  page.assertNoProblems();
  await page.context().close();

  // Without JavaScript: the published demo meeting is not made private without asking.
  const plain = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(plain, base, setup.server.accounts.secretariat);
  await plain.goto(`${base}/meetings/1`);
  await plain.getByRole('button', { name: 'Make private' }).click();
  await plain.getByRole('heading', { name: 'Take this meeting off the public pages?' }).waitFor();
  await plain.getByRole('link', { name: 'No, go back' }).click();
  await plain.waitForURL(`${base}/meetings/1`);
  const publicPage = await plain.request.get(`${base}/public/meetings/1`);
  assert.equal(publicPage.status(), 200, 'still public');
  await plain.context().close();
});
