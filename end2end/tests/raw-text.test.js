// Text that looks like markup stays text in every text area, with JavaScript on and off:
// Leptos writes a <textarea>'s content unescaped on the server, so before Scrutineer
// escaped it, a "Draft a question" link carrying `</textarea><b id=injected>` put markup
// on a staff page. The value shown, and the value sent back after a refused form, are
// exactly what was typed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, newPage, signIn, serverAndBrowser } from '../support.js';

const setup = serverAndBrowser();

const HOSTILE = '</textarea></title><b id=injected>X</b> & <i>kept</i> “as typed”';

for (const javaScriptEnabled of [true, false]) {
  test(`markup in a text area stays text (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const base = setup.server.base;
    const page = await newPage(setup.browser, { javaScriptEnabled });
    await signIn(page, base, setup.server.accounts.commissioner);
    const drafted = new URLSearchParams({ text: HOSTILE, context: HOSTILE });
    await page.goto(`${base}/questions/new?${drafted}`);
    if (javaScriptEnabled) await hydrated(page);
    const check = async (when) => {
      assert.equal(await page.locator('#injected').count(), 0, `markup got out ${when}`);
      assert.equal(await page.getByLabel('Question').inputValue(), HOSTILE, when);
      assert.equal(await page.getByLabel('Context (optional)').inputValue(), HOSTILE, when);
      assert.match(await page.title(), /Put a question – Scrutineer$/, when);
    };
    await check('when the form opened');
    // Refused (no board, topic or due date): the form comes back with what was typed.
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await check('after the form was refused');
    if (!javaScriptEnabled) page.expectStatusErrors(400);
    page.assertNoProblems();
    await page.context().close();
  });
}
