// Every page as one role (or signed out): allowed pages render, pass axe-core and do not
// scroll sideways at 320 px; the others send the signed-out to sign in and show everyone
// else "no access". Shared by tests/access.test.js and tests/access-staff.test.js, which
// take the roles between them so that neither file runs past the test timeout.

import assert from 'node:assert/strict';
import { checkAccessibility, hydrated, newPage, signIn } from './support.js';

function allows(page, role) {
  if (page.access.includes('public')) return true;
  if (page.access.includes('signed_in')) return role !== null;
  return role !== null && page.access.includes(role);
}

/**
 * The page where the office chooses what the public reads of the demo's published
 * response (its timeline links to it), or `fallback` for those who are not shown the link.
 */
async function responseWordsPath(setup, page, role, fallback) {
  if (!['admin', 'secretariat', 'commissioner'].includes(role)) return fallback;
  await page.goto(`${setup.server.base}/actions?status=all&q=workforce+representation`);
  await page.locator('tr', { hasText: 'Publish the workforce representation figures' }).getByRole('link').first().click();
  const link = page.getByRole('link', { name: /Choose what the public reads/ }).first();
  return await link.getAttribute('href');
}

/** Every page, and the navigation, as `role` (`null`: signed out). */
export async function everyPageAs(setup, role) {
  const page = await newPage(setup.browser);
  if (role) await signIn(page, setup.server.base, setup.server.accounts[role]);
  const words = await responseWordsPath(setup, page, role, '/words/1');
  for (const entry of setup.server.pages) {
    // A published equality report is named by its year (the demo publishes this one's).
    const today = new Date();
    const year = today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1;
    const path = entry.path === '/words/:id'
      ? words
      : entry.path
        .replace(':id', entry.path.startsWith('/public/equality/') ? String(year) : '1')
        .replace(':version', '1');
    const response = await page.goto(`${setup.server.base}${path}`);
    if (allows(entry, role)) {
      assert.equal(response.status(), 200, `${role} ${path}`);
      await hydrated(page);
      await checkAccessibility(page, `${path} as ${role}`);
      // Reflow: at 320 CSS pixels wide (400% zoom of 1280) nothing scrolls sideways.
      await page.setViewportSize({ width: 320, height: 720 });
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(sideways <= 0, `${path} as ${role} scrolls sideways by ${sideways}px at 320px wide`);
      await page.setViewportSize({ width: 1280, height: 720 });
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
  const missing = await page.goto(`${setup.server.base}/no/such/page`);
  assert.equal(missing.status(), 404);
  page.expectStatusErrors();
  await checkAccessibility(page, '404 page');

  // The navigation offers exactly the pages this role may use.
  await page.goto(`${setup.server.base}/`);
  const links = await page.locator('.govuk-service-navigation__list a').allTextContents();
  const expected = {
    admin: ['Home', 'Actions', 'Questions', 'Boards', 'Public pages', 'Evidence', 'Equality', 'Admin'],
    secretariat: ['Home', 'Actions', 'Questions', 'Boards', 'Public pages', 'Evidence', 'Equality'],
    commissioner: ['Home', 'Actions', 'Questions', 'Boards', 'Public pages', 'Evidence', 'Equality'],
    force_liaison: ['Home', 'Actions', 'Questions', 'Public pages', 'Evidence'],
  }[role] ?? ['Home', 'Published meetings', 'Published questions', 'Published actions'];
  assert.deepEqual(
    links.filter((l) => l !== 'Sign out' && l !== 'Sign in'),
    expected,
    `${role}: navigation`,
  );
  // At 1280 px wide the navigation fits on one line (the account sits above it, by the name).
  const rows = await page.locator('.govuk-service-navigation__item').evaluateAll(
    (items) => [...new Set(items.map((item) => Math.round(item.getBoundingClientRect().top)))],
  );
  assert.equal(rows.length, 1, `${role}: the navigation wraps onto ${rows.length} lines at 1280 px`);
  page.assertNoProblems();
  await page.context().close();
}
