// Every page, as every role and signed out: allowed pages render and pass axe-core;
// the others send the signed-out to sign in and show everyone else "no access".

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, hydrated, launchBrowser, newPage, signIn, startServer } from '../support.js';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  assert.equal(await server?.stop(), 0, 'the server did not stop cleanly on SIGTERM');
});

function allows(page, role) {
  if (page.access.includes('public')) return true;
  if (page.access.includes('signed_in')) return role !== null;
  return role !== null && page.access.includes(role);
}

for (const role of [null, 'admin', 'secretariat', 'commissioner', 'force_liaison']) {
  test(`pages as ${role ?? 'someone signed out'}`, async () => {
    const page = await newPage(browser);
    if (role) await signIn(page, server.base, server.accounts[role]);
    for (const entry of server.pages) {
      const path = entry.path.replace(':id', '1');
      const response = await page.goto(`${server.base}${path}`);
      if (allows(entry, role)) {
        assert.equal(response.status(), 200, `${role} ${path}`);
        await hydrated(page);
        await checkAccessibility(page, `${path} as ${role}`);
      } else if (role === null) {
        assert.equal(new URL(page.url()).pathname, '/sign-in', `${path} should ask to sign in`);
        assert.equal(new URL(page.url()).searchParams.get('next'), path);
      } else {
        assert.equal(response.status(), 403, `${role} ${path}`);
        await page.getByRole('heading', { name: 'You do not have access to this page' }).waitFor();
        page.expectStatusErrors();
        await checkAccessibility(page, `${path} (no access) as ${role}`);
      }
    }
    const missing = await page.goto(`${server.base}/no/such/page`);
    assert.equal(missing.status(), 404);
    page.expectStatusErrors();
    await checkAccessibility(page, '404 page');

    // The navigation offers exactly the pages this role may use.
    await page.goto(`${server.base}/`);
    const links = await page.locator('.govuk-service-navigation__list a').allTextContents();
    const expected = role === 'admin' ? ['Home', 'Users', 'Audit trail', 'Sign out'] : ['Home'];
    for (const name of expected.filter((n) => n !== 'Sign out')) {
      assert.ok(links.includes(name), `${role}: no ${name} link in ${links}`);
    }
    if (role !== 'admin') assert.ok(!links.includes('Users'), `${role} sees Users`);
    page.assertNoProblems();
    await page.context().close();
  });
}

test('the accessibility check fails on a planted violation', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/accessibility`);
  await page.evaluate(() => {
    const image = document.createElement('img');
    image.src = 'data:,';
    document.querySelector('main').append(image);
  });
  await assert.rejects(checkAccessibility(page), /image-alt/);
  await page.context().close();
});
