// Every page as each of the office's roles (signed out and force liaison are in
// access.test.js): see ../access.js.

import { test } from 'node:test';
import { everyPageAs } from '../access.js';
import { serverAndBrowser } from '../support.js';

const setup = serverAndBrowser();

for (const role of ['admin', 'secretariat', 'commissioner']) {
  test(`pages as ${role}`, () => everyPageAs(setup, role));
}
