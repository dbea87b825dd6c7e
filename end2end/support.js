// The real Scrutineer server over a fresh SQLite database, loaded with the demo data set,
// and Debian's chromium driven by playwright-core. Nothing is downloaded.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const binary = process.env.SCRUTINEER_BIN ?? join(root, 'target', 'debug', 'scrutineer');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/**
 * A real SMTP listener on a free port, speaking enough of RFC 5321 for the server to
 * deliver; keeps each message as { to: [addresses], data }.
 */
export async function startSmtpListener() {
  const messages = [];
  const server = createServer((socket) => {
    let buffer = '';
    let to = [];
    let inData = false;
    let data = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push({ to, data });
            to = [];
            data = '';
            socket.write('250 queued\r\n');
          } else {
            data += (line.startsWith('.') ? line.slice(1) : line) + '\n';
          }
          continue;
        }
        const command = line.toUpperCase();
        if (command.startsWith('EHLO') || command.startsWith('HELO')) socket.write('250-test\r\n250 8BITMIME\r\n');
        else if (command.startsWith('RCPT TO')) {
          to.push(line.slice(8).replace(/[<>:\s]/g, ''));
          socket.write('250 OK\r\n');
        } else if (command.startsWith('DATA')) {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (command.startsWith('QUIT')) {
          socket.end('221 bye\r\n');
        } else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `smtp://127.0.0.1:${server.address().port}`,
    messages,
    /** Waits until a message matches `predicate`; returns it. */
    async waitFor(predicate, timeout = 30000) {
      for (const started = Date.now(); Date.now() - started < timeout; ) {
        const found = messages.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no such email arrived; got:\n${messages.map((m) => `${m.to}: ${m.data.split('\n').find((l) => l.startsWith('Subject:'))}`).join('\n')}`);
    },
    close: () => new Promise((done) => server.close(done)),
  };
}

/** Starts the server; returns { base, accounts: {role: {email, password}}, pages, stop }. */
export async function startServer(extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'scrutineer-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${join(dir, 'e2e.db')}`,
    SCRUTINEER_ADDR: `127.0.0.1:${port}`,
    SCRUTINEER_SITE_ROOT: join(root, 'target', 'site'),
    SCRUTINEER_LOG: process.env.SCRUTINEER_LOG ?? 'warn',
    // The demo accounts sign in with a password alone; two-factor.test.js requires a code.
    SCRUTINEER_SECOND_FACTOR: 'optional',
    ...extraEnv,
  };
  const demo = execFileSync(binary, ['demo'], { env, encoding: 'utf8' });
  const accounts = {};
  for (const line of demo.split('\n')) {
    const match = line.match(/^\s+(.+?)\s+(\S+@\S+)\s+(\S+)$/);
    if (match) {
      const email = match[2];
      const role = {
        'admin@opcc.example': 'admin',
        'secretariat@opcc.example': 'secretariat',
        'commissioner@opcc.example': 'commissioner',
        'liaison@force.example': 'force_liaison',
      }[email];
      accounts[role] = { email, password: match[3], label: match[1] };
    }
  }
  assert.equal(Object.keys(accounts).length, 4, `demo printed:\n${demo}`);
  const pages = JSON.parse(execFileSync(binary, ['routes'], { env, encoding: 'utf8' }));

  const child = spawn(binary, ['serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {}
    if (i > 100) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    accounts,
    pages,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

/**
 * A page that fails the test on any console error (CSP violations included) or page error.
 * `problems` collects them; call `assertNoProblems()` at the end.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.assertNoProblems = () => assert.deepEqual(problems, [], `problems on ${page.url()}`);
  // An expected refusal (a 403 or 404 page, a form's 400) is logged by the browser as a
  // failed load; the test says which statuses it expected.
  page.expectStatusErrors = (...statuses) => {
    const codes = statuses.length ? statuses : [403, 404];
    const pattern = new RegExp(`status of (${codes.join('|')})`);
    for (let i = problems.length - 1; i >= 0; i--) {
      if (pattern.test(problems[i])) problems.splice(i, 1);
    }
  };
  return page;
}

/** Runs axe-core's WCAG 2.2 A and AA rules on the page; fails on any violation. */
export async function checkAccessibility(page, what = page.url()) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  );
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(summary, [], `axe-core violations on ${what}`);
  assert.ok(results.passes.length > 0, 'axe-core ran no checks');
}

/**
 * axe-core needs JavaScript, so a page viewed with JavaScript off is checked by opening
 * the same address (which carries any form error) in a fresh page with it on.
 */
export async function checkAccessibilityAt(browser, url, what = url) {
  const page = await newPage(browser);
  await page.goto(url);
  await checkAccessibility(page, what);
  await page.context().close();
}

/**
 * Waits until the page is loaded and, if it has islands (signed-in pages), until the wasm
 * has hydrated them (see frontend/src/lib.rs). A page without islands loads no wasm.
 */
export async function hydrated(page) {
  await page.waitForLoadState('load');
  const islands = await page.evaluate(() => document.querySelector('leptos-island') !== null);
  if (!islands) return;
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, {
    timeout: 20000,
  });
}

export async function signIn(page, base, account, next = '') {
  await page.goto(`${base}/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/**
 * Registers the hooks every test file needs: a fresh server and a browser before its tests,
 * both stopped after them (the server by SIGTERM, which must end it cleanly).
 * Returns an object whose `server` and `browser` are set once the hooks have run.
 */
export function serverAndBrowser({ smtp = false, env: extra = {} } = {}) {
  const setup = { server: null, browser: null, smtp: null };
  before(async () => {
    let env = { ...extra };
    if (smtp) {
      setup.smtp = await startSmtpListener();
      env = {
        ...env,
        SCRUTINEER_SMTP_URL: setup.smtp.url,
        SCRUTINEER_MAIL_FROM: 'Scrutineer <scrutineer@opcc.example>',
        SCRUTINEER_REMINDER_EVERY_SECONDS: '1',
      };
    }
    setup.server = await startServer(env);
    setup.browser = await launchBrowser();
  });
  after(async () => {
    await setup.browser?.close();
    assert.equal(await setup.server?.stop(), 0, 'the server did not stop cleanly on SIGTERM');
    await setup.smtp?.close();
  });
  return setup;
}

/** The bank holidays the database is seeded with. */
const HOLIDAYS = new Set(
  readFileSync(new URL('../migrations/sqlite/0003_bank_holidays.sql', import.meta.url), 'utf8')
    .match(/\d{4}-\d{2}-\d{2}/g),
);

/**
 * `YYYY-MM-DD`, `days` from today (negative: ago), moved a day at a time by `step` (-1
 * earlier, 1 later) off weekends and bank holidays: a day nobody is asked about.
 */
export function workingDay(days, step = -1) {
  let at = new Date(Date.now() + days * 86400000);
  const text = () => at.toISOString().slice(0, 10);
  while ([0, 6].includes(at.getUTCDay()) || HOLIDAYS.has(text())) {
    at = new Date(at.getTime() + step * 86400000);
  }
  return text();
}
