// The public record of delivery, as a resident reads it, signed out: from a published
// meeting to an action set there, to the force's response and the Commissioner's judgement;
// and back from the action to its meeting. With JavaScript and without.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, checkAccessibilityAt, hydrated, newPage, serverAndBrowser } from '../support.js';

const setup = serverAndBrowser();

for (const javaScriptEnabled of [true, false]) {
  test(`a member of the public follows an action from its meeting to the judgement (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const base = setup.server.base;
    const page = await newPage(setup.browser, { javaScriptEnabled });
    await page.goto(`${base}/public/meetings`);
    // Public meetings carry their board's name.
    const row = page.locator('tbody tr', { hasText: 'Strategic Policing and Crime Board' }).last();
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: /^Meeting on / }).waitFor();
    const meetingUrl = page.url();
    if (javaScriptEnabled) {
      await hydrated(page);
      await checkAccessibility(page, 'a public meeting with its actions');
    }
    const action = page.locator('table', { hasText: 'Actions arising' }).locator('tr', {
      hasText: 'Publish the workforce representation figures by ethnicity',
    });
    assert.match(await action.innerText(), /Closed\. The Commissioner was assured by the response\./);
    await action.getByRole('link').click();
    // The heading is the action's words; its reference is beneath.
    await page.getByRole('heading', { level: 1, name: /^Publish the workforce representation figures by ethnicity/ }).waitFor();
    const main = await page.locator('main').innerText();
    assert.match(main, /\nAction SPCB\/\d{4}\/\d{3}\n/);
    assert.match(main, /Where it stands\s+Closed\. The Commissioner was assured by the response\./);
    assert.match(main, /Who must do it\s+Force: Chief Superintendent, Equality and Inclusion/);
    assert.match(main, /Published on the force website/, "the force's response");
    assert.match(main, /Response accepted: action closed/, "the Commissioner's judgement");
    assert.match(main, /Assured\./);
    // Who did what is said by whose words they are; staff names stay off the public record.
    // The demo's response came by email and was recorded by the office.
    assert.match(main, /The force \(Chief Superintendent, Equality and Inclusion\), /);
    assert.match(main, /Received by email on \w+ \d{1,2} \w+ \d{4}, recorded by the OPCC\./);
    assert.match(main, /The Commissioner, /);
    for (const name of ['Sam Secretary', 'Chris Commissioner', 'Farah Liaison', '(command line)', '@']) {
      assert.ok(!main.includes(name), `a staff name on the public page: ${name}`);
    }
    if (javaScriptEnabled) {
      await hydrated(page);
      await checkAccessibility(page, 'a published action');
      page.assertNoProblems();
    } else {
      await checkAccessibilityAt(setup.browser, page.url(), 'a published action without JavaScript');
    }
    // Back to the meeting it was set at.
    await page.getByRole('link', { name: /Strategic Policing and Crime Board meeting of/ }).click();
    await page.waitForURL(meetingUrl);
    await page.context().close();
  });
}

test('anyone searches from the home page and finds published minutes and actions, nothing else', async () => {
  const base = setup.server.base;
  const page = await newPage(setup.browser);
  await page.goto(`${base}/`);
  await hydrated(page);
  await page.getByLabel('Search actions, questions and minutes').fill('tracker');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'tracker');
  await page.getByRole('heading', { name: 'Minutes (1)' }).waitFor();
  await page.getByRole('link', { name: 'Minutes: Strategic Policing and Crime Board' }).waitFor();
  await checkAccessibility(page, 'search results');
  // The IOPC letter is the OPCC's action and unpublished: not found by the public.
  await page.goto(`${base}/search?q=IOPC`);
  await page.getByText('Nothing matches').waitFor();
  // An action's words find its public page.
  await page.goto(`${base}/search?q=workforce%20representation`);
  await page.getByRole('link', { name: /Publish the workforce representation figures/ }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/public/actions/'));
  page.assertNoProblems();
  await page.context().close();
});
