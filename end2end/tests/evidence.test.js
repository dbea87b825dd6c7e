// Equality evidence, as the commissioner uses it (for West Mercia, beside the demo's West
// Midlands): two monthly data.police.uk files imported
// through the page, the ratio table with its interval, the chart and its data table; the
// Black / White figure attached to a question, and still as it was after the month is
// imported again with different data; a bad file refused with its line and reason; a
// threshold that flags the figure and drafts a question; the figures published and read
// signed out. Every new page passes axe-core, and works without JavaScript.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAccessibility, checkAccessibilityAt, hydrated, newPage, serverAndBrowser, signIn } from '../support.js';

const setup = serverAndBrowser();

const HEADINGS =
  'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';
const BLACK = 'Black/African/Caribbean/Black British - Caribbean';
const WHITE = 'White - English/Welsh/Scottish/Northern Irish/British';

/** A month as data.police.uk writes it: BOM, CRLF, quoted labels, a vehicle-only search. */
function month(name, black, white, unstated) {
  const row = (ethnicity, officer, outcome) =>
    `Person search,${name}-03T14:05:00+00:00,False,,52.478,-1.894,Male,18-24,"${ethnicity}",${officer},Misuse of Drugs Act 1971 (section 23),Controlled drugs,${outcome},False,False`;
  const lines = [HEADINGS];
  for (let i = 0; i < black; i++) lines.push(row(BLACK, 'Black', i % 10 === 0 ? 'Arrest' : 'A no further action disposal'));
  for (let i = 0; i < white; i++) lines.push(row(WHITE, 'White', i % 10 === 0 ? 'Arrest' : 'Nothing found - no further action'));
  for (let i = 0; i < unstated; i++) lines.push(row('Other ethnic group - Not stated', '', 'A no further action disposal'));
  lines.push(`Vehicle search,${name}-04T01:00:00+00:00,,,,,,,,,,,,,`);
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

/** The census population of West Mercia by group, as Scrutineer loads it. */
function westMercia() {
  const census = readFileSync(new URL('../../services/data/census-2021-ethnicity-by-police-force-area.csv', import.meta.url), 'utf8');
  const people = {};
  for (const line of census.split('\n')) {
    const cells = line.split(',');
    if (cells[0] === 'E23000016') people[cells[2]] = Number(cells[3]);
  }
  return people;
}

/** The Katz ratio and interval, worked out here independently of Scrutineer. */
function katz(a, n1, b, n2) {
  const ratio = a / n1 / (b / n2);
  const se = Math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2);
  return [ratio, Math.exp(Math.log(ratio) - 1.959964 * se), Math.exp(Math.log(ratio) + 1.959964 * se)].map((x) => x.toFixed(2));
}

function files(...months) {
  const dir = mkdtempSync(join(tmpdir(), 'scrutineer-evidence-'));
  return months.map(([name, text]) => {
    const path = join(dir, `${name}-west-mercia-stop-and-search.csv`);
    writeFileSync(path, text);
    return path;
  });
}

test('the commissioner imports two months, reads the ratios, attaches one to a question and sees it frozen', async () => {
  const base = setup.server.base;
  const page = await newPage(setup.browser);
  await signIn(page, base, setup.server.accounts.commissioner);

  // The demo's generated year for West Midlands is what the page opens on.
  await page.goto(`${base}/evidence`);
  await page.getByRole('heading', { name: /^West Midlands, 12 months to / }).waitFor();
  await hydrated(page);
  await checkAccessibility(page, 'the evidence page');

  // Two monthly files at once, through the page.
  await page.getByRole('link', { name: 'Import data.police.uk files' }).first().click();
  await page.getByRole('heading', { name: 'Import stop and search data' }).waitFor();
  await hydrated(page);
  await checkAccessibility(page, 'the import page');
  await page.getByLabel('Files').setInputFiles(files(['2026-08', month('2026-08', 40, 160, 10)], ['2026-09', month('2026-09', 60, 140, 20)]));
  // With JavaScript the files go up by XMLHttpRequest, so the page can show the progress.
  const upload = page.waitForRequest((r) => r.url().endsWith('/evidence/upload'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  assert.equal((await upload).resourceType(), 'xhr');
  await page.waitForURL((url) => url.pathname === '/evidence/import' && url.searchParams.get('imported') === '2');
  const imports = page.locator('table', { hasText: 'Latest imports' });
  assert.match(await imports.innerText(), /2026-09-west-mercia-stop-and-search\.csv\s+West Mercia, September 2026\s+Imported\s+221/);
  assert.match(await imports.innerText(), /2026-08-west-mercia-stop-and-search\.csv\s+West Mercia, August 2026\s+Imported\s+211/);

  // The two months' figures, against the census, as worked out here.
  await page.goto(`${base}/evidence?force=west-mercia&period=range&month=2026-09&from=2026-08`);
  await hydrated(page);
  const people = westMercia();
  const [ratio, low, high] = katz(100, people.Black, 300, people.White);
  const rates = page.locator('table#rates');
  const black = rates.locator('tr', { hasText: /^Black/ });
  assert.match(await black.innerText(), new RegExp(`${ratio} \\(95% CI ${low}–${high}\\)`));
  assert.match(await page.locator('main').innerText(), /30 searches \(7\.0%\) had no ethnicity stated/);
  assert.match(await page.locator('main').innerText(), /Census 2021 \(Office for National Statistics, table TS021, 2021\)/);
  assert.match(await page.locator('main').innerText(), /2 searches of vehicles only are not counted/);
  // The chart names itself to assistive technology, and its figures are in a table beside it.
  const chart = page.getByRole('img', { name: /Ratio to the White search rate by month, West Mercia/ });
  await chart.waitFor();
  const trend = page.locator('table', { hasText: 'the figures (ratio and 95% interval)' });
  assert.match(await trend.locator('tr', { hasText: 'September 2026' }).innerText(), /221|220/);
  await checkAccessibility(page, 'the evidence page with figures');
  // Its tables as CSV.
  const csv = await page.evaluate(async (href) => (await fetch(href)).text(), await page.getByRole('link', { name: 'Download this table (CSV)' }).first().getAttribute('href'));
  assert.match(csv, /Black,100,\d+,[\d.]+,[\d.]+/);

  // The Black / White figure onto the demo's question about it.
  await page.getByLabel('Figure', { exact: true }).selectOption('black');
  const asked = await page.locator('#question option', { hasText: 'What explains the higher rate at which Black people' }).getAttribute('value');
  await page.getByLabel('Question', { exact: true }).selectOption(asked);
  await page.getByRole('button', { name: 'Attach the figure' }).click();
  await page.waitForURL((url) => /^\/questions\/\d+$/.test(url.pathname));
  const questionUrl = page.url();
  await page.getByRole('heading', { name: 'The evidence behind this question' }).waitFor();
  const statement = `Black / White stop and search ratio, West Mercia, August 2026 to September 2026: ${ratio} (95% CI ${low}–${high}), 30 searches with ethnicity not stated (7.0%)`;
  assert.ok((await page.locator('main').innerText()).includes(statement), 'the frozen figure');
  assert.match(await page.locator('main').innerText(), /Unchanged since/);
  await checkAccessibility(page, 'a question with its figure');

  // September again, with more searches of Black people: the figure on the question stays.
  await page.goto(`${base}/evidence/import`);
  await page.getByLabel('Files').setInputFiles(files(['2026-09', month('2026-09', 90, 140, 20)]));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'File imported' }).waitFor();
  await checkAccessibility(page, "an import's record");
  await page.goto(questionUrl);
  const main = await page.locator('main').innerText();
  assert.ok(main.includes(statement), 'the frozen figure after the re-import');
  const [now] = katz(130, people.Black, 300, people.White);
  assert.match(main, new RegExp(`Today, with the data as it now stands: Black / White stop and search ratio, West Mercia, August 2026 to September 2026: ${now} `));
  page.assertNoProblems();

  // A file with a bad row is refused whole, with its line and reason; nothing changes.
  const bad = month('2026-07', 5, 5, 0).replace('2026-07-03T14:05:00+00:00,False,,52.478,-1.894,Male,18-24,"White', '03/07/2026,False,,52.478,-1.894,Male,18-24,"White');
  await page.goto(`${base}/evidence/import`);
  await page.getByLabel('Files').setInputFiles(files(['2026-07', bad]));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'File not imported' }).waitFor();
  const refused = page.locator('table', { hasText: 'Rows that could not be read' });
  assert.match(await refused.innerText(), /7\s+Date\s+“03\/07\/2026” is not a date and time/);
  await checkAccessibility(page, 'a refused import');
  await page.context().close();
});

test('a threshold flags the figure, drafts a question from it, and the figures are published', async () => {
  const base = setup.server.base;
  const page = await newPage(setup.browser);
  await signIn(page, base, setup.server.accounts.commissioner);
  await page.goto(`${base}/evidence/import`);
  await page.getByLabel('Files').setInputFiles(files(['2026-10', month('2026-10', 50, 100, 5)]));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'File imported' }).waitFor();

  await page.goto(`${base}/evidence?force=west-mercia&period=month&month=2026-10`);
  await page.getByLabel('Flag a figure when').selectOption('ratio');
  await page.getByLabel('Ratio', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Add threshold' }).click();
  await page.waitForURL((url) => url.pathname === '/evidence');
  const black = page.locator('table#rates tr', { hasText: /^Black/ });
  assert.match(await black.innerText(), /Flagged\s+Crosses a ratio of 2 or more/);
  await checkAccessibility(page, 'the evidence page with a flagged figure');
  // The drafted question quotes the ratio as the table shows it.
  const shown = (await black.locator('td').nth(3).innerText()).split(' ')[0];
  await black.getByRole('link', { name: /Draft a question/ }).click();
  await page.getByRole('heading', { name: 'Put a question' }).waitFor();
  assert.ok(
    (await page.getByLabel('Question', { exact: true }).inputValue()).startsWith(
      `Black people were stopped and searched at ${shown} times the rate of White people in West Mercia, October 2026`,
    ),
  );
  assert.match(await page.getByLabel('Context (optional)').inputValue(), /Black \/ White stop and search ratio, West Mercia, October 2026/);
  await page.getByText('The figure this question is drafted from will be attached to it').waitFor();

  // Published: the public reads the same figures, signed out, with and without JavaScript.
  await page.goto(`${base}/evidence?force=west-mercia&period=rolling&month=2026-10`);
  const ratioCell = async (p) => p.locator('table#rates tr', { hasText: /^Black/ }).locator('td').nth(3).innerText();
  const staffRatio = await ratioCell(page);
  assert.match(staffRatio, /^[\d.]+ \(95% CI [\d.]+–[\d.]+\)$/);
  await page.getByRole('button', { name: "Publish the latest 12 months' figures" }).click();
  await page.getByRole('button', { name: 'Take them off the public pages' }).waitFor();
  page.assertNoProblems();
  await page.context().close();
  for (const javaScriptEnabled of [true, false]) {
    const reader = await newPage(setup.browser, { javaScriptEnabled });
    await reader.goto(`${base}/public/evidence?force=west-mercia`);
    await reader.getByRole('heading', { name: 'West Mercia, 12 months to October 2026' }).waitFor();
    // A sentence for residents first, rounded as people say it; the analyst's columns
    // are behind "How sure are these figures?".
    assert.match(
      await reader.locator('#headline').innerText(),
      /^(Black people|Asian people|People of mixed ethnicity|People of other ethnic groups) were (about \d+(\.5)? times as likely to be searched as|a little more likely to be searched than) White people in the 12 months to October 2026\.$/,
    );
    assert.match(await reader.locator('table#plainly').innerText(), /Black\s+[\d,]+\s+[\d.]+\s+(About|A little)/);
    await reader.getByText('How sure are these figures?').click();
    assert.equal(await ratioCell(reader), staffRatio);
    await reader.getByRole('img', { name: /Ratio to the White search rate by month/ }).waitFor();
    if (javaScriptEnabled) {
      await checkAccessibility(reader, 'the public figures');
    }
    await reader.context().close();
  }
});

test('the evidence pages work without JavaScript', async () => {
  const base = setup.server.base;
  const page = await newPage(setup.browser, { javaScriptEnabled: false });
  await signIn(page, base, setup.server.accounts.secretariat);
  await page.goto(`${base}/evidence/labels`);
  const labels = await page.locator('main').innerText();
  assert.match(labels, /Nothing found - no further action\s+A no further action disposal\s+Older files/);
  assert.match(labels, /Other ethnic group - Not stated\s+Not stated/);
  await checkAccessibilityAt(setup.browser, page.url(), 'the labels page');
  // A file imported by a plain form post.
  await page.goto(`${base}/evidence/import`);
  await page.getByLabel('Files').setInputFiles(files(['2026-06', month('2026-06', 3, 9, 1)]));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'File imported' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Rows imported\s+14/);
  // A 2014 month as the archives keep it, saved through a spreadsheet, under a name that
  // does not say its force or month: 2001 Census labels with their codes, "Oct-17" for
  // 10-17, FALSE, dates as a spreadsheet writes them, and a label nobody has mapped yet.
  const old = (ethnicity, age) =>
    `Person search,03/03/2014 14:05,FALSE,,52.478,-1.894,Male,${age},"${ethnicity}",,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Nothing found - no further action,FALSE,FALSE`;
  const oldLines = [HEADINGS];
  for (let i = 0; i < 4; i++) oldLines.push(old('Black or Black British - Caribbean (B1)', 'Oct-17'));
  for (let i = 0; i < 6; i++) oldLines.push(old('White - White British (W1)', '18-24'));
  for (let i = 0; i < 2; i++) oldLines.push(old('Black - Somali', '25-34'));
  const [oldFile] = files(['archive', oldLines.join('\r\n') + '\r\n']);
  const unnamed = oldFile.replace(/archive-west-mercia-stop-and-search\.csv$/, 'march.csv');
  writeFileSync(unnamed, readFileSync(oldFile));
  await page.goto(`${base}/evidence/import`);
  await page.getByLabel('Files').setInputFiles([unnamed]);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Your file march.csv is kept').waitFor();
  const choice = page.locator('details', { hasText: 'The file name does not say the force or month' });
  assert.equal(await choice.getAttribute('open'), '', 'the choice is open beside its error');
  await checkAccessibilityAt(setup.browser, page.url(), 'an upload whose name does not say its force');
  // Checked first: nothing imported, the unknown label named with its count.
  await page.getByLabel('Force', { exact: true }).selectOption({ label: 'West Mercia' });
  await page.getByLabel('Month', { exact: true }).fill('2014-03');
  await page.getByLabel('Check only').check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'File checked: nothing imported' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Black - Somali/);
  await checkAccessibilityAt(setup.browser, page.url(), 'a checked file');
  // Imported: the unknown label is asked about, answered, and the import completes.
  await page.goto(`${base}/evidence/import`);
  await page.getByLabel('Files').setInputFiles([unnamed]);
  await page.getByText('The file name does not say the force or month').click();
  await page.getByLabel('Force', { exact: true }).selectOption({ label: 'West Mercia' });
  await page.getByLabel('Month', { exact: true }).fill('2014-03');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'Labels to map before the import continues' }).waitFor();
  await checkAccessibilityAt(setup.browser, page.url(), 'labels to map');
  await page.getByLabel(/“Black - Somali” \(2 rows\): what it means/).selectOption({ label: 'Black' });
  await page.getByRole('button', { name: 'Save the meanings and import the file' }).click();
  await page.getByRole('heading', { name: 'File imported' }).waitFor();
  const record = await page.locator('main').innerText();
  assert.match(record, /Rows imported\s+12/);
  assert.match(record, /edited in a spreadsheet/);
  await page.goto(`${base}/evidence?force=west-mercia&period=month&month=2014-03`);
  assert.match(await page.locator('table#rates tr', { hasText: /^Black/ }).innerText(), /^Black\s+6\b/);
  assert.match(await page.locator('table#rates tr', { hasText: /^White/ }).innerText(), /^White\s+6\b/);
  await page.goto(`${base}/evidence/labels`);
  assert.match(await page.locator('main').innerText(), /Black - Somali\s+Black/);

  // A filter with a mistyped month says so beside the field.
  await page.goto(`${base}/evidence?force=west-mercia&period=month&month=2026-13`);
  await page.getByText('There is a problem').waitFor();
  assert.match(await page.locator('main').innerText(), /“2026-13” is not a month: write it as 2026-09/);
  // A population table pasted as CSV, refused with its line, then accepted.
  await page.goto(`${base}/evidence/labels`);
  await page.getByLabel('Name').fill('ONS mid-2024 estimates');
  await page.getByLabel('Source').fill('Office for National Statistics');
  await page.getByLabel('Year the figures are for').fill('2024');
  await page.getByLabel('The table, as CSV').fill('pfa_code,ethnic_group,population\nE23000016,Purple,5\n');
  await page.getByRole('button', { name: 'Import table' }).click();
  await page.getByText(/line 2, ethnic_group: “Purple” is not Asian, Black, Mixed, White or Other/).first().waitFor();
  await page.getByLabel('The table, as CSV').fill('pfa_code,ethnic_group,population\nE23000016,Black,200000\nE23000016,White,1800000\n');
  await page.getByRole('button', { name: 'Import table' }).click();
  await page.getByText('The population table was imported').waitFor();
  assert.match(await page.locator('main').innerText(), /ONS mid-2024 estimates\s+Office for National Statistics\s+2024/);
  await page.context().close();
});
