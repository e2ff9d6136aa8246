// Helpers shared by the browser suites (*.test.mjs): a wadah server on a fresh
// data directory, Debian's /usr/bin/chromium through playwright-core, a phone
// sized browser context, axe-core, and checks and form steps every suite uses.
//
// A suite calls setUpSuite() inside its describe(); the server it starts is
// then reachable through the live bindings `base` and `server`, the browser
// through newPhoneContext(). That state belongs to the process: node --test
// (as run.sh calls it) runs each test file in a process of its own, and
// setUpSuite() refuses to be called twice in one.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const WADAH = resolve(process.env.WADAH_BIN || join(HERE, '..', '..', 'wadah'));
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const ADMIN_PASSWORD = 'correct-horse-battery';

export const ARTIFACTS = join(HERE, 'artifacts');
export const PHONE = { width: 360, height: 740 };
export const UNIT = 'demo';

export let base;        // http://127.0.0.1:PORT
let browser;
export let server;      // ChildProcess of `wadah serve`
let serverLog = '';     // the tail of the server's stderr
let serverStopped = false;  // stopServer() was called: its exit is no crash
let setupError;         // set when before() failed
let contextTimeout;     // of newPhoneContext(), from setUpSuite()
let knownAxe = {};      // the suite's KNOWN_AXE_VIOLATIONS, from setUpSuite()
let suiteSetUp = false;

// ---------------------------------------------------------------- server and browser

/** Runs the wadah CLI; returns its stdout. */
export function wadah(...args) {
  return execFileSync(WADAH, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts `wadah serve` on a free port; `onOutput` gets every chunk of its stdout and stderr. */
function startServer(dataDir, onOutput) {
  return new Promise((resolveStart, rejectStart) => {
    const child = spawn(WADAH, ['serve', '--data', dataDir, '--listen', '127.0.0.1:0'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let done = false;
    const finish = (err, url) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) { child.kill('SIGKILL'); rejectStart(err); } else resolveStart({ child, url });
    };
    const timer = setTimeout(() => finish(new Error(
      `wadah serve did not print its address within 10 s\nstdout: ${out}\nstderr: ${serverLog}`)), 10_000);
    // Keep draining both pipes for the server's whole life so it never blocks on a full pipe.
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      onOutput?.(chunk);
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) finish(null, m[1]);
    });
    child.stderr.on('data', (chunk) => {
      serverLog = (serverLog + chunk).slice(-20_000);
      onOutput?.(chunk);
    });
    child.on('error', (err) => finish(err));
    child.on('exit', (code, sig) => finish(new Error(
      `wadah serve exited early (code ${code}, signal ${sig})\nstdout: ${out}\nstderr: ${serverLog}`)));
  });
}

/** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
export async function stopServer() {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  serverStopped = true;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Closes the browser; newPhoneContext() cannot be used afterwards. */
export async function closeBrowser() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
}

/**
 * The CLI steps `prepare` of setUpSuite() may take on the fresh data directory
 * `data`; password files and the recovery key go into `tmp`.
 */
function dataSetup(tmp, data) {
  let initOutput;
  const passwordFile = (name, password) => {
    const f = join(tmp, `${name}-password`);
    writeFileSync(f, password + '\n', { mode: 0o600 });
    return f;
  };
  /** Runs `fn(path)` with the recovery key init printed in a file, then removes it. */
  const withRecoveryKey = (fn) => {
    // The recovery key: 13 groups of base32 (A-Z, 2-7) joined by dashes, on a line of its own.
    const key = initOutput?.match(/^\s*([A-Z2-7]+(?:-[A-Z2-7]+){12})\s*$/m);
    if (!key) throw new Error(`no recovery key in the output of wadah init:\n${initOutput}`);
    const recovery = join(tmp, 'recovery-key');
    writeFileSync(recovery, key[1] + '\n', { mode: 0o600 });
    try {
      return fn(recovery);
    } finally {
      rmSync(recovery);
    }
  };
  return {
    data,
    /** `wadah init` of UNIT, named `unitName`, with an admin. */
    init(unitName) {
      initOutput = wadah('init', '--data', data, '--unit', UNIT, '--unit-name', unitName,
        '--admin', 'admin', '--password-file', passwordFile('admin', ADMIN_PASSWORD));
    },
    /**
     * Adds the staff user `who` ({ user, password }) with the given roles; the
     * custodian role takes the recovery key (issue 10, finding 4).
     */
    addUser(who, roles) {
      const args = ['user', 'add', '--data', data, '--unit', UNIT, '--user', who.user,
        ...roles.flatMap((r) => ['--role', r]), '--password-file', passwordFile(who.user, who.password)];
      if (roles.includes('custodian')) {
        withRecoveryKey((recovery) => wadah(...args, '--recovery-key-file', recovery));
      } else {
        wadah(...args);
      }
    },
    /** Grants `who` the unit's key of `kind`, with the recovery key init printed. */
    grantKey(who, kind) {
      withRecoveryKey((recovery) => wadah('keys', 'grant', '--data', data, '--unit', UNIT,
        '--user', who.user, '--kind', kind, '--recovery-key-file', recovery));
    },
  };
}

/**
 * Registers, in the calling describe(), the before() and after() hooks that
 * give the suite a server on a fresh data directory and a headless chromium.
 *
 *   name            names the temp dir (and nothing else)
 *   prepare(s)      fills the data dir before the server starts; `s` is
 *                   { data, init(unitName), addUser(who, roles), grantKey(who, kind) }
 *   contextTimeout  default timeouts of newPhoneContext() in ms
 *   knownAxeViolations  see assertNoAxeViolations()
 *   serverLogFile   file in ./artifacts/ that gets the tail of the server's stderr
 *   onServerOutput  gets every chunk the server writes to stdout or stderr
 *
 * A setup failure is kept and thrown by every test (through newPhoneContext()
 * or assertSetUp()), so the TAP summary counts the tests as failed with the
 * reason rather than as merely cancelled.
 */
export function setUpSuite({
  name, prepare, contextTimeout: timeout = 15_000, knownAxeViolations = {}, serverLogFile, onServerOutput,
}) {
  if (suiteSetUp) throw new Error('setUpSuite() called twice in one process: run each test file in a process of its own');
  suiteSetUp = true;
  contextTimeout = timeout;
  knownAxe = knownAxeViolations;
  let tmp;  // temp dir holding the data dir, password files and recovery key

  before(async () => {
    try {
      await setup();
    } catch (err) {
      setupError = err;
    }
  });

  async function setup() {
    try {
      accessSync(WADAH, constants.X_OK);
    } catch {
      throw new Error(`server binary not found or not executable: ${WADAH} (build it with: make wadah, or set WADAH_BIN)`);
    }
    try {
      accessSync(CHROMIUM, constants.X_OK);
    } catch {
      throw new Error(`chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), `wadah-browser-${name}-`));
    const data = join(tmp, 'data');
    await prepare(dataSetup(tmp, data));
    const started = await startServer(data, onServerOutput);
    server = started.child;
    // Should the runner die without running after(), do not leave the server behind.
    process.once('exit', () => { if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL'); });
    base = started.url;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }

  after(async () => {
    if (server && !serverStopped && (server.exitCode !== null || server.signalCode !== null)) {
      console.error(`wadah serve died during the tests (code ${server.exitCode}, signal ${server.signalCode}); its stderr:\n${serverLog}`);
    }
    await closeBrowser();
    await stopServer();
    // The server's log, for reading after a failure.
    if (serverLogFile && base) writeFileSync(join(ARTIFACTS, serverLogFile), serverLog);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });
}

/** Throws the setup failure, if any: a test starting with it reports the reason. */
export function assertSetUp() {
  if (setupError) throw new Error(`setup failed: ${setupError.message}`, { cause: setupError });
}

/** A phone-sized context; JS off unless asked for (the pages must not need it). */
export async function newPhoneContext({ js = false, bypassCSP = false } = {}) {
  assertSetUp();
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: js,
    bypassCSP,
    locale: 'id-ID',
  });
  context.setDefaultTimeout(contextTimeout);
  context.setDefaultNavigationTimeout(contextTimeout);
  return context;
}

/** A desktop-sized context (WIDTH x 900, no touch); JS off unless asked for; see newPhoneContext(). */
export async function newDesktopContext({ js = false, bypassCSP = false, width = 1366 } = {}) {
  assertSetUp();
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    javaScriptEnabled: js,
    bypassCSP,
    locale: 'id-ID',
  });
  context.setDefaultTimeout(contextTimeout);
  context.setDefaultNavigationTimeout(contextTimeout);
  return context;
}

/**
 * A new page of `context` that records what the browser loads: check it with
 * the returned assertLoadedFromServerOnly(). Chromium logs an error for every
 * 4xx answer; those with a status in `provokedStatuses` (answers the test asks
 * for on purpose) are not counted. `pageErrors` counts uncaught script errors too.
 */
export async function newWatchedPage(context, { provokedStatuses = [], pageErrors = false } = {}) {
  const requests = [];
  const failed = [];
  const consoleErrors = [];
  const styles = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
  const page = await context.newPage();
  const provoked = new RegExp(`Failed to load resource: the server responded with a status of (${provokedStatuses.join('|')})`);
  page.on('console', (m) => {
    // Anything but a provoked answer (a CSP violation, say) is not expected.
    if (m.type() === 'error' && !(provokedStatuses.length && provoked.test(m.text()))) {
      consoleErrors.push(`${page.url()}: ${m.text()}`);
    }
  });
  if (pageErrors) page.on('pageerror', (err) => consoleErrors.push(`${page.url()}: ${err.message}`));
  page.on('response', (r) => { if (r.request().resourceType() === 'stylesheet') styles.push(`${r.url()} ${r.status()}`); });

  /** At least `minRequests` requests, all to the server and none failed, the stylesheets loaded and no console error. */
  const assertLoadedFromServerOnly = (minRequests) => {
    assert.ok(requests.length >= minRequests, `requests were recorded (${requests.length})`);
    const outside = requests.filter((u) => !u.startsWith(base + '/'));
    assert.deepEqual(outside, [], `requests outside ${base}`);
    assert.deepEqual(failed, [], 'failed requests');
    assert.ok(styles.length > 0 && styles.every((s) => s.endsWith(' 200')), `stylesheet loads: ${styles.join(', ')}`);
    assert.deepEqual(consoleErrors, [], 'console errors (e.g. CSP violations)');
  };
  return { page, assertLoadedFromServerOnly };
}

// ---------------------------------------------------------------- pages and forms

export async function screenshot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Navigates and asserts the HTTP status. */
export async function open(page, path, status = 200) {
  const resp = await page.goto(base + path);
  assert.ok(resp, `no response for ${path}`);
  assert.equal(resp.status(), status, `GET ${path} status`);
  return resp;
}

/** Clicks the button named `name` (inside `scope`, default the page) and waits for the navigation. */
export async function press(page, name, scope = page) {
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    scope.getByRole('button', { name, exact: true }).click(),
  ]);
  assert.ok(resp, `no response after pressing "${name}"`);
  return resp;
}

/** Clicks into a field and types, like a person with a phone keyboard. */
export async function typeInto(page, selector, text) {
  await page.locator(selector).click();
  await page.keyboard.type(text);
}

/** Clicks the label text of a radio or checkbox, like a person tapping the option. */
export async function tapLabel(page, inputId) {
  await page.locator(`label[for="${inputId}"]`).click();
  assert.equal(await page.locator(`#${inputId}`).isChecked(), true, `#${inputId} is checked after tapping its label`);
}

/** The id of the focused element (or its tag name and class when it has no id). */
export async function focusedId(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    return el.id || el.tagName + (el.className ? '.' + el.className : '');
  });
}

/** The items of the page's error summary, trimmed. */
export async function errorSummaryItems(page) {
  return (await page.locator('.error-summary li').allTextContents()).map((x) => x.trim());
}

/** The field #id is marked in place: aria-invalid, its message (matching `re`) shown and tied to it. */
export async function assertFieldError(page, id, re) {
  assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true', `#${id} aria-invalid`);
  const ids = ((await page.locator(`#${id}`).getAttribute('aria-describedby')) || '').split(/\s+/);
  assert.ok(ids.includes(`${id}-err`), `#${id} is described by its error (${ids.join(' ')})`);
  assert.equal(await page.locator(`#${id}-err`).isVisible(), true, `#${id}-err visible`);
  assert.match(await page.locator(`#${id}-err`).textContent(), re);
}

/** Logs `who` ({ user, password }) in through the staff login form, like a person; `shot` names a screenshot of the filled form. */
export async function staffLogin(page, who, shot) {
  await open(page, '/staff/masuk');
  await typeInto(page, '#f-unit', UNIT);
  await typeInto(page, '#f-user', who.user);
  await typeInto(page, '#f-password', who.password);
  if (shot) await screenshot(page, shot);
  const resp = await press(page, 'Masuk');
  assert.equal(resp.status(), 200, `page after login of ${who.user}`);
  assert.equal(new URL(page.url()).pathname, '/staff', 'login leads to the staff home page');
}

/** A JSON API session of a staff user: { get(path), post(path, body), logout() }. */
export async function apiSession(who) {
  const login = await fetch(`${base}/api/v1/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ unit: UNIT, user: who.user, password: who.password }),
  });
  const body = await login.json();
  assert.equal(login.status, 200, `API login of ${who.user}: ${JSON.stringify(body)}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const call = async (method, path, json) => {
    const resp = await fetch(base + path, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': body.csrf, ...(json ? { 'Content-Type': 'application/json' } : {}) },
      body: json ? JSON.stringify(json) : undefined,
    });
    const text = await resp.text();
    return { status: resp.status, json: text ? JSON.parse(text) : null };
  };
  return {
    get: (path) => call('GET', path),
    post: (path, json) => call('POST', path, json),
    logout: () => call('POST', '/api/v1/logout'),
  };
}

// ---------------------------------------------------------------- accessibility and layout

/**
 * Runs axe-core on the current page and asserts there is no violation but the
 * known ones: the suite's knownAxeViolations (given to setUpSuite()) map page
 * labels to { axe rule id: reason }. Each known violation is reported as a
 * TODO subtest of `t` (so it shows in the TAP output without failing the run);
 * when it is gone, a diagnostic says to delete the entry. Any other violation fails.
 */
export async function assertNoAxeViolations(t, page, label) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations', 'incomplete'],
    });
    const brief = (list) => list.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
    // eslint-disable-next-line no-undef
    return { violations: brief(r.violations), incomplete: brief(r.incomplete), version: axe.version };
  }, AXE_TAGS);
  const fmt = (list) => list.map((v) =>
    `  [${v.impact}] ${v.id}: ${v.help}\n` +
    v.nodes.map((n) => `      ${n.target}${n.summary ? '\n        ' + n.summary.replace(/\n/g, '\n        ') : ''}`).join('\n'),
  ).join('\n');
  if (result.incomplete.length) {
    // "Needs review" items are not failures (e.g. text over the SVG chart), but worth a line in the log.
    t.diagnostic(`axe needs review on ${label}: ` +
      result.incomplete.map((v) => `${v.id} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'})`).join(', '));
  }
  const knownHere = knownAxe[label] || {};
  const unknown = result.violations.filter((v) => !(v.id in knownHere));
  for (const [id, reason] of Object.entries(knownHere)) {
    const v = result.violations.find((x) => x.id === id);
    if (!v) {
      t.diagnostic(`known axe violation ${id} on ${label} is gone: delete it from KNOWN_AXE_VIOLATIONS`);
      continue;
    }
    await t.test(`known violation on ${label}: ${id}`, { todo: reason }, () => {
      assert.fail(`axe-core ${result.version} on ${label}:\n${fmt([v])}`);
    });
  }
  assert.equal(unknown.length, 0,
    `axe-core ${result.version} found ${unknown.length} violation(s) on ${label}:\n${fmt(unknown)}`);
}

/** Elements sticking out to the right of the viewport, outside scrollable table wrappers. */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''}`;
    const all = [...document.querySelectorAll('body *')].filter((el) => !el.closest('.table-scroll'));
    // Boxes sticking out, and boxes whose content (e.g. a long unbroken word) spills out of them.
    const wide = all.filter((el) => el.getBoundingClientRect().right > vw + 0.5)
      .map((el) => `${name(el)} (right=${Math.round(el.getBoundingClientRect().right)})`);
    const spill = all.filter((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0
        && getComputedStyle(el).overflowX === 'visible' && el.getBoundingClientRect().left + el.scrollWidth > vw + 0.5)
      .map((el) => `${name(el)} (content ${el.scrollWidth} px in a ${el.clientWidth} px box)`);
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: vw, wide: [...wide, ...spill].slice(0, 8) };
  });
}

/** The page is PHONE.width wide and does not scroll sideways. */
export async function assertNoHorizontalScroll(page, label) {
  const { scrollWidth, clientWidth, wide } = await horizontalOverflow(page);
  assert.equal(clientWidth, PHONE.width, `${label}: layout viewport is ${PHONE.width} px wide`);
  assert.ok(scrollWidth <= PHONE.width,
    `${label}: document scrollWidth ${scrollWidth} > ${PHONE.width} (horizontal scrolling); wide elements: ${wide.join(', ')}`);
}
