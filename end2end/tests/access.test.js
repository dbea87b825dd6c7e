// Every page signed out and as force liaison (the office's roles are in
// access-staff.test.js): see ../access.js.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { everyPageAs } from '../access.js';
import { checkAccessibility, newPage, serverAndBrowser } from '../support.js';

const setup = serverAndBrowser();

for (const role of [null, 'force_liaison']) {
  test(`pages as ${role ?? 'someone signed out'}`, () => everyPageAs(setup, role));
}

test('the accessibility check fails on a planted violation', async () => {
  const page = await newPage(setup.browser);
  await page.goto(`${setup.server.base}/accessibility`);
  await page.evaluate(() => {
    const image = document.createElement('img');
    image.src = 'data:,';
    document.querySelector('main').append(image);
  });
  await assert.rejects(checkAccessibility(page), /image-alt/);
  await page.context().close();
});
