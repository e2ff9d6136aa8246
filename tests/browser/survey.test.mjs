// Browser end-to-end tests of the public survey (SKM) pages of wadah.
//
// Drives Debian's /usr/bin/chromium through playwright-core (no bundled
// browser is ever downloaded) and checks accessibility with axe-core.
// Run through ./run.sh; WADAH_BIN points at the server binary (default: the
// repository's ./wadah). Screenshots go to ./artifacts/ (gitignored).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { join } from 'node:path';
import {
  ARTIFACTS, PHONE, UNIT, base, wadah, setUpSuite, newPhoneContext, newWatchedPage, screenshot, open,
  tapLabel, focusedId, assertNoAxeViolations, assertNoHorizontalScroll,
} from './lib.mjs';

const QUESTIONS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];

/**
 * Violations the pages are known to have, by page label and axe rule id, with
 * the reason. Each is reported as a TODO test (so it shows in the TAP output
 * without failing the run) instead of failing; any other violation fails.
 * Delete an entry once the page is fixed: the run then says it is gone.
 */
const KNOWN_AXE_VIOLATIONS = {};

// ---------------------------------------------------------------- helpers

function parseCount(text) {
  const digits = String(text).replace(/[^0-9]/g, '');
  assert.ok(digits.length > 0, `respondent count is not a number: ${JSON.stringify(text)}`);
  return Number(digits);
}

/** Reads "Jumlah responden: <strong>N</strong>" from the results page. */
async function readRespondents(page) {
  await open(page, `/u/${UNIT}/hasil-survei`);
  const strong = page.locator('p', { hasText: 'Jumlah responden:' }).locator('strong');
  await assert.doesNotReject(strong.waitFor(), 'results page shows "Jumlah responden"');
  assert.equal(await strong.count(), 1, 'exactly one respondent count on the results page');
  return parseCount(await strong.textContent());
}

/**
 * The period the results page shows, from its link to the JSON API; checked to
 * be the current year (local or UTC, so a run at New Year cannot flake).
 */
async function currentPeriod(page) {
  await open(page, `/u/${UNIT}/hasil-survei`);
  const href = await page.locator(`a[href^="/api/v1/u/${UNIT}/ikm?period="]`).getAttribute('href');
  const period = new URL(href, base).searchParams.get('period');
  const now = new Date();
  assert.ok([String(now.getFullYear()), String(now.getUTCFullYear())].includes(period),
    `results page defaults to the current year (got ${period})`);
  return period;
}

async function apiRespondents(period) {
  const resp = await fetch(`${base}/api/v1/u/${UNIT}/ikm?period=${period}`);
  assert.equal(resp.status, 200, 'GET /api/v1/u/demo/ikm status');
  const body = await resp.json();
  assert.equal(typeof body.respondents, 'number', 'API answer has a numeric "respondents"');
  return body.respondents;
}

/** Clicks the submit button and waits for the resulting navigation; returns its response. */
async function submit(page) {
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Kirim jawaban' }).click(),
  ]);
  return resp;
}

/** Fills the survey by mouse/keyboard; `skip` lists questions left unanswered. */
async function fillSurvey(page, { skip = [], answers = {} } = {}) {
  await page.locator('#f-service').selectOption('KTP-el');
  await tapLabel(page, 'f-gender-1');
  await page.locator('#f-age').click();
  await page.keyboard.type('34');
  await page.locator('#f-education').selectOption('SMA');
  await page.locator('#f-occupation').selectOption('WIRAUSAHA');
  for (const [i, q] of QUESTIONS.entries()) {
    if (skip.includes(q)) continue;
    const value = answers[q] ?? (i % 2 === 0 ? 3 : 4);
    await tapLabel(page, `f-${q}-${value}`);
  }
  await page.locator('#f-suggestion').click();
  await page.keyboard.type('Antrean sudah lebih tertib. Mohon tambah kursi di ruang tunggu.');
}

/** Presses Tab until `id` has focus; fails after `max` presses. Returns the number of presses. */
async function tabTo(page, id, max = 40) {
  const seen = [];
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press('Tab');
    const f = await focusedId(page);
    seen.push(f);
    if (f === id) return n;
  }
  assert.fail(`Tab never reached #${id}; focus went through: ${seen.join(' -> ')}`);
}

/** WCAG contrast ratio of two CSS colours given as "rgb(r, g, b)" / "rgba(...)". */
function contrast(a, b) {
  const lum = (css) => {
    const m = css.match(/rgba?\(([^)]+)\)/);
    assert.ok(m, `not an rgb() colour: ${css}`);
    const [r, g, bl] = m[1].split(',').slice(0, 3).map((x) => Number(x.trim()) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

/** Decodes a non-interlaced 8-bit RGB/RGBA PNG (what Chromium screenshots are) into {width, height, px(x, y)}. */
function decodePng(buf) {
  assert.equal(buf.toString('latin1', 1, 4), 'PNG', 'screenshot is a PNG');
  let pos = 8;
  let width, height, channels;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      assert.equal(data[8], 8, 'PNG bit depth 8');
      assert.equal(data[12], 0, 'PNG not interlaced');
      channels = { 2: 3, 6: 4 }[data[9]];
      assert.ok(channels, `PNG colour type ${data[9]} is RGB or RGBA`);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i];
      const a = i >= channels ? out[y * stride + i - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] : 0;
      const c = y > 0 && i >= channels ? out[(y - 1) * stride + i - channels] : 0;
      let v;
      switch (f) {
        case 0: v = x; break;
        case 1: v = x + a; break;
        case 2: v = x + b; break;
        case 3: v = x + ((a + b) >> 1); break;
        case 4: {
          const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default: assert.fail(`PNG filter ${f}`);
      }
      out[y * stride + i] = v & 0xff;
    }
  }
  return { width, height, px: (x, y) => [...out.subarray(y * stride + x * channels, y * stride + x * channels + 3)] };
}

/**
 * Checks the SVG chart of the current results page: every <text> inside the
 * viewBox, no two texts overlapping, no text crossing a grid line, text at
 * least 11 CSS px high as drawn, and the accessible <title> kept.
 */
async function assertChartReadable(page, label) {
  const r = await page.evaluate(() => {
    const svg = document.querySelector('svg.chart');
    if (!svg) return null;
    const vb = svg.viewBox.baseVal;
    const scale = svg.getBoundingClientRect().width / vb.width;
    const texts = [...svg.querySelectorAll('text')].map((el) => {
      const b = el.getBBox();
      return { t: el.textContent, x1: b.x, x2: b.x + b.width, y1: b.y, y2: b.y + b.height,
        px: parseFloat(getComputedStyle(el).fontSize) * scale };
    });
    const lines = [...svg.querySelectorAll('line')].map((el) => {
      const b = el.getBBox();
      return { x1: b.x, x2: b.x + b.width, y1: b.y, y2: b.y + b.height };
    });
    return {
      vb: { x: vb.x, y: vb.y, w: vb.width, h: vb.height },
      title: svg.querySelector(':scope > title')?.textContent ?? '',
      labelledby: svg.getAttribute('aria-labelledby'),
      role: svg.getAttribute('role'),
      texts, lines,
    };
  });
  assert.ok(r, `${label}: the results page has an svg.chart`);
  assert.equal(r.role, 'img', `${label}: chart has role=img`);
  assert.match(r.title, /Nilai per unsur/, `${label}: chart keeps its <title>`);
  assert.ok(r.texts.length >= 9, `${label}: chart has real <text> labels (${r.texts.length})`);
  const eps = 0.5;
  const outside = r.texts.filter((b) => b.x1 < r.vb.x - eps || b.x2 > r.vb.x + r.vb.w + eps
    || b.y1 < r.vb.y - eps || b.y2 > r.vb.y + r.vb.h + eps).map((b) => b.t);
  assert.deepEqual(outside, [], `${label}: chart texts that stick out of the viewBox`);
  const small = r.texts.filter((b) => b.px < 11 - 0.05).map((b) => `${b.t} (${b.px.toFixed(1)} px)`);
  assert.deepEqual(small, [], `${label}: chart texts smaller than 11 CSS px at ${PHONE.width} px`);
  const hit = (a, b) => a.x1 < b.x2 - eps && b.x1 < a.x2 - eps && a.y1 < b.y2 - eps && b.y1 < a.y2 - eps;
  const overlaps = [];
  r.texts.forEach((a, i) => r.texts.slice(i + 1).forEach((b) => { if (hit(a, b)) overlaps.push(`${a.t} / ${b.t}`); }));
  assert.deepEqual(overlaps, [], `${label}: chart texts that overlap each other`);
  const crossed = r.texts.filter((a) => r.lines.some((l) => l.x1 > a.x1 && l.x1 < a.x2 && l.y1 < a.y2 && a.y1 < l.y2))
    .map((a) => a.t);
  assert.deepEqual(crossed, [], `${label}: chart texts crossed by a grid line`);
  return r;
}

// ---------------------------------------------------------------- setup and tests

describe('survey pages in a phone browser', { timeout: 300_000 }, () => {
  setUpSuite({
    name: 'survey',
    knownAxeViolations: KNOWN_AXE_VIOLATIONS,
    prepare(s) {
      s.init('Dinas Demo');
      wadah('unit', 'service', 'add', '--data', s.data, '--unit', UNIT, '--code', 'KTP-el', '--name', 'KTP Elektronik');
      wadah('unit', 'service', 'add', '--data', s.data, '--unit', UNIT, '--code', 'KK', '--name', 'Kartu Keluarga');
    },
  });

  test('1. a person fills in the survey with JavaScript off and the count goes up by one', async () => {
    const context = await newPhoneContext({ js: false });
    try {
      const page = await context.newPage();
      const before = await readRespondents(page);
      await screenshot(page, '01-results-before');

      await open(page, `/u/${UNIT}/survei`);
      await assert.doesNotReject(page.getByRole('heading', { level: 1 }).waitFor());
      await screenshot(page, '02-survey-empty');
      await fillSurvey(page);
      // Everything the person chose is really selected.
      assert.equal(await page.locator('#f-service').inputValue(), 'KTP-el');
      assert.equal(await page.locator('#f-age').inputValue(), '34');
      for (const q of QUESTIONS) {
        assert.equal(await page.locator(`input[name="${q}"]:checked`).count(), 1, `${q} answered`);
      }
      await screenshot(page, '03-survey-filled');

      const resp = await submit(page);
      assert.equal(resp.status(), 200, 'thank-you page status');
      assert.equal(new URL(page.url()).pathname, `/u/${UNIT}/survei/terima-kasih`);
      assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /Terima kasih/);
      await screenshot(page, '04-thanks');

      const afterCount = await readRespondents(page);
      assert.equal(afterCount, before + 1, 'respondent count went up by exactly one');
      await screenshot(page, '05-results-after');

      const period = await currentPeriod(page);
      assert.equal(await apiRespondents(period), afterCount, `API ikm?period=${period} respondents == results page count`);
    } finally {
      await context.close();
    }
  });

  test('2. an incomplete survey comes back with an error summary, keeps the answers and stores nothing', async () => {
    const context = await newPhoneContext({ js: false });
    try {
      const page = await context.newPage();
      const period = await currentPeriod(page);
      const before = await readRespondents(page);
      const apiBefore = await apiRespondents(period);
      assert.equal(apiBefore, before, 'API and results page agree before the test');

      await open(page, `/u/${UNIT}/survei`);
      const missing = ['U2', 'U5', 'U9'];
      await fillSurvey(page, { skip: missing, answers: { U1: 2, U4: 4, U7: 1 } });
      const resp = await submit(page);
      assert.equal(resp.status(), 400, 'incomplete survey answer status');
      assert.equal(new URL(page.url()).pathname, `/u/${UNIT}/survei`);

      const summary = page.locator('.error-summary');
      assert.equal(await summary.count(), 1, 'one error summary');
      assert.equal(await summary.isVisible(), true, 'error summary is visible');
      const items = await summary.locator('li').allTextContents();
      assert.equal(items.length, missing.length, `summary lists exactly the missing questions: ${items.join(' | ')}`);
      for (const q of missing) {
        assert.ok(items.some((t) => t.trim().startsWith(q + ' ')), `summary mentions ${q}: ${items.join(' | ')}`);
      }
      // Each summary link leads to an element of the form (the question's first option).
      const hrefs = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const href of hrefs) {
        assert.match(href, /^#f-U\d-1$/, `summary link ${href}`);
        assert.equal(await page.locator(href).count(), 1, `summary link target ${href} exists`);
      }
      // Each missing question is marked in place too.
      for (const q of missing) {
        assert.equal(await page.locator(`#f-${q}.has-error .field-error`).count(), 1, `${q} has its own error message`);
      }

      // What was already chosen is still there.
      assert.equal(await page.locator('#f-service').inputValue(), 'KTP-el', 'service kept');
      assert.equal(await page.locator('#f-gender-1').isChecked(), true, 'gender kept');
      assert.equal(await page.locator('#f-age').inputValue(), '34', 'age kept');
      assert.equal(await page.locator('#f-education').inputValue(), 'SMA', 'education kept');
      assert.equal(await page.locator('#f-occupation').inputValue(), 'WIRAUSAHA', 'occupation kept');
      assert.match(await page.locator('#f-suggestion').inputValue(), /^Antrean sudah lebih tertib\./, 'suggestion kept');
      const expect = { U1: 2, U3: 3, U4: 4, U6: 4, U7: 1, U8: 4 };
      for (const [q, v] of Object.entries(expect)) {
        assert.equal(await page.locator(`#f-${q}-${v}`).isChecked(), true, `${q} answer ${v} still checked`);
        assert.equal(await page.locator(`input[name="${q}"]:checked`).count(), 1, `only one ${q} answer checked`);
      }
      for (const q of missing) {
        assert.equal(await page.locator(`input[name="${q}"]:checked`).count(), 0, `${q} still unanswered`);
      }
      await screenshot(page, '06-survey-errors');

      // Nothing stored.
      assert.equal(await readRespondents(page), before, 'respondent count unchanged');
      assert.equal(await apiRespondents(period), apiBefore, 'API respondent count unchanged');
    } finally {
      await context.close();
    }
  });

  test('3. the survey can be filled in and sent with the keyboard alone', async () => {
    const context = await newPhoneContext({ js: false });
    try {
      const page = await context.newPage();
      const before = await readRespondents(page);
      await open(page, `/u/${UNIT}/survei`);
      assert.equal(await focusedId(page), 'BODY', 'nothing focused on load');

      // The first Tab stop is the skip link.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'skip', 'first Tab stop is the skip link');
      const skip = await page.locator('a.skip').boundingBox();
      assert.ok(skip && skip.x >= 0 && skip.x + skip.width <= PHONE.width, `focused skip link is on screen: ${JSON.stringify(skip)}`);

      // Service: Tab to the select, ArrowDown picks the first real option.
      await tabTo(page, 'f-service');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.locator('#f-service').inputValue(), 'KTP-el', 'ArrowDown chose the first service');

      // Gender: one Tab enters the radio group at its first option, Space checks it.
      await page.keyboard.press('Tab');
      assert.equal(await focusedId(page), 'f-gender-1', 'Tab enters the gender group at its first radio');
      await page.keyboard.press('Space');
      assert.equal(await page.locator('#f-gender-1').isChecked(), true, 'Space checks the focused radio');

      // The rest of the personal data.
      await tabTo(page, 'f-age');
      await page.keyboard.type('41');
      await tabTo(page, 'f-education');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.locator('#f-education').inputValue(), 'SMP', 'education chosen with arrows');

      // The nine questions: Tab lands on the first option, arrows move and select.
      await tabTo(page, 'f-U1-1');
      for (const [i, q] of QUESTIONS.entries()) {
        assert.equal(await focusedId(page), `f-${q}-1`, `Tab moved focus to the first option of ${q}`);
        assert.equal(await page.locator(`input[name="${q}"]:checked`).count(), 0, `${q} not answered just by focusing`);
        const steps = i % 3 + 1;  // answers 2, 3, 4, 2, 3, 4, ...
        for (let s = 0; s < steps; s++) await page.keyboard.press('ArrowDown');
        const want = `f-${q}-${steps + 1}`;
        assert.equal(await focusedId(page), want, `arrows moved focus within ${q}`);
        assert.equal(await page.locator(`#${want}`).isChecked(), true, `arrows selected ${want}`);
        if (q === 'U1') {
          await page.keyboard.press('ArrowUp');
          assert.equal(await page.locator('#f-U1-1').isChecked(), true, 'ArrowUp selects the previous option');
          await page.keyboard.press('ArrowDown');
          assert.equal(await page.locator(`#${want}`).isChecked(), true, 'ArrowDown selects the next option');
        }
        // One Tab leaves the group (a checked group is a single Tab stop).
        if (i < QUESTIONS.length - 1) await page.keyboard.press('Tab');
      }
      await screenshot(page, '07-keyboard-filled');

      await tabTo(page, 'f-suggestion');
      await page.keyboard.type('Diisi dengan papan ketik saja.');

      // Tab to the submit button and press Enter.
      let onButton = false;
      for (let n = 0; n < 10 && !onButton; n++) {
        await page.keyboard.press('Tab');
        onButton = await page.evaluate(() => document.activeElement?.tagName === 'BUTTON'
          && document.activeElement.textContent.trim() === 'Kirim jawaban');
      }
      assert.ok(onButton, 'Tab reaches the "Kirim jawaban" button');
      // The focused button shows a visible focus indicator.
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none', 'focused submit button has a visible outline');
      const [resp] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      assert.equal(resp.status(), 200);
      assert.equal(new URL(page.url()).pathname, `/u/${UNIT}/survei/terima-kasih`, 'Enter on the button sent the form');
      assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /Terima kasih/);

      assert.equal(await readRespondents(page), before + 1, 'keyboard answer was stored');
    } finally {
      await context.close();
    }
  });

  test('4. axe-core finds no accessibility violation', async (t) => {
    const context = await newPhoneContext({ js: true, bypassCSP: true });
    try {
      const page = await context.newPage();

      await t.test('survey page', async (st) => {
        await open(page, `/u/${UNIT}/survei`);
        await assertNoAxeViolations(st, page, 'survey page');
      });

      await t.test('survey page with errors', async (st) => {
        await open(page, `/u/${UNIT}/survei`);
        await fillSurvey(page, { skip: ['U3', 'U8'] });
        const resp = await submit(page);
        assert.equal(resp.status(), 400);
        assert.equal(await page.locator('.error-summary').count(), 1);
        await assertNoAxeViolations(st, page, 'survey page with errors');
      });

      await t.test('thank-you page', async (st) => {
        await open(page, `/u/${UNIT}/survei`);
        await fillSurvey(page);
        const resp = await submit(page);
        assert.equal(resp.status(), 200);
        assert.equal(new URL(page.url()).pathname, `/u/${UNIT}/survei/terima-kasih`);
        await assertNoAxeViolations(st, page, 'thank-you page');
      });

      await t.test('results page (with responses)', async (st) => {
        assert.ok(await readRespondents(page) >= 1, 'results page has at least one response');
        assert.equal(await page.locator('svg.chart').count(), 1, 'results page shows the chart');
        await assertNoAxeViolations(st, page, 'results page');
      });

      await t.test('results page (period without responses)', async (st) => {
        const period = Number(await currentPeriod(page)) - 1;
        await open(page, `/u/${UNIT}/hasil-survei?period=${period}`);
        assert.match(await page.locator('.score').textContent(), /Belum ada jawaban/);
        await assertNoAxeViolations(st, page, 'results page without responses');
      });
    } finally {
      await context.close();
    }
  });

  test('5. the pages load nothing from outside the server', async () => {
    // JS on here, so that anything a page would load from script would show up too.
    const context = await newPhoneContext({ js: true });
    try {
      // The 400 of the deliberately incomplete answer is logged by Chromium; anything else (CSP!) is not expected.
      const { page, assertLoadedFromServerOnly } = await newWatchedPage(context, { provokedStatuses: [400] });

      await open(page, `/u/${UNIT}`);
      await open(page, `/u/${UNIT}/survei`);
      await fillSurvey(page, { skip: ['U4'] });
      assert.equal((await submit(page)).status(), 400);
      await tapLabel(page, 'f-U4-3');
      assert.equal((await submit(page)).status(), 200);
      assert.equal(new URL(page.url()).pathname, `/u/${UNIT}/survei/terima-kasih`);
      await open(page, `/u/${UNIT}/hasil-survei`);
      await page.waitForLoadState('networkidle');
      assertLoadedFromServerOnly(6);
    } finally {
      await context.close();
    }
  });

  test('6. no horizontal scrolling at 360 px', async () => {
    // Measuring needs script; layout is the same as with JS off.
    const context = await newPhoneContext({ js: true });
    try {
      const page = await context.newPage();
      await open(page, `/u/${UNIT}/survei`);
      await assertNoHorizontalScroll(page, 'survey page');

      await fillSurvey(page, { skip: QUESTIONS });
      assert.equal((await submit(page)).status(), 400);
      await assertNoHorizontalScroll(page, 'survey page with errors');

      await open(page, `/u/${UNIT}/survei/terima-kasih`);
      await assertNoHorizontalScroll(page, 'thank-you page');

      assert.ok(await readRespondents(page) >= 1);
      await assertNoHorizontalScroll(page, 'results page');
      // The tables may scroll sideways (their wrappers are focusable regions), but at 360 px they fit.
      const tables = await page.locator('.table-scroll').evaluateAll((els) => els.map((el) => ({
        caption: el.querySelector('caption')?.textContent, scroll: el.scrollWidth, client: el.clientWidth })));
      assert.equal(tables.length, 2, 'two tables on the results page');
      for (const tb of tables) {
        assert.ok(tb.scroll <= tb.client, `table "${tb.caption}" fits at ${PHONE.width} px (${tb.scroll} > ${tb.client})`);
      }
      await screenshot(page, '08-results-360');
    } finally {
      await context.close();
    }
  });

  // Regression tests for page defects found by this suite (once TODO tests, now fixed).

  test('7. results page: a service with no answers shows no IKM of its own', async () => {
    const context = await newPhoneContext({ js: false });
    try {
      const page = await context.newPage();
      assert.ok(await readRespondents(page) >= 1, 'there are answers (for KTP-el only)');
      const row = page.locator('table tr', { has: page.locator('th', { hasText: 'Kartu Keluarga' }) });
      assert.equal(await row.count(), 1, 'one row for Kartu Keluarga');
      const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
      assert.equal(cells[0], '0', 'Kartu Keluarga has no respondents');
      assert.equal(cells[1], '–', `IKM of a service without answers (got ${cells[1]})`);
      assert.equal(cells[2], '–', `Mutu of a service without answers (got ${cells[2]})`);
    } finally {
      await context.close();
    }
  });

  test('8. results page: the chart labels fit inside the chart and can be read on a phone', async () => {
    const context = await newPhoneContext({ js: true });
    try {
      const page = await context.newPage();
      assert.ok(await readRespondents(page) >= 1);
      const full = await assertChartReadable(page, 'chart with answers');
      // Each unsur is named in full (no "…") and has its value.
      for (const q of QUESTIONS) {
        const t = full.texts.find((x) => x.t.startsWith(q + ' '));
        assert.ok(t, `chart has a label for ${q}`);
        assert.ok(!t.t.includes('…'), `label of ${q} is not cut short: ${t.t}`);
      }
      assert.equal(full.texts.filter((x) => /^\d{2,3},\d{2}$/.test(x.t)).length, QUESTIONS.length, 'one value per unsur');
      await page.locator('svg.chart').screenshot({ path: join(ARTIFACTS, '09-chart.png') });

      // A period without answers: "belum ada jawaban" on every bar, still inside and uncrossed.
      const period = Number(await currentPeriod(page)) - 1;
      await open(page, `/u/${UNIT}/hasil-survei?period=${period}`);
      const empty = await assertChartReadable(page, 'chart without answers');
      assert.equal(empty.texts.filter((x) => x.t === 'belum ada jawaban').length, QUESTIONS.length,
        'every unsur says "belum ada jawaban"');
      await page.locator('svg.chart').screenshot({ path: join(ARTIFACTS, '10-chart-empty.png') });
    } finally {
      await context.close();
    }
  });

  test('9. survey errors and help notes are tied to their fields, and the error summary gets focus', async () => {
    const context = await newPhoneContext({ js: false });
    try {
      const page = await context.newPage();
      await open(page, `/u/${UNIT}/survei`);
      // Without errors: help notes only.
      assert.equal(await page.locator('#f-suggestion').getAttribute('aria-describedby'), 'f-suggestion-help');
      assert.equal(await page.locator('#f-U1').getAttribute('aria-describedby'), null, 'no describedby without an error');

      const missing = ['U2', 'U6'];
      await fillSurvey(page, { skip: missing });
      assert.equal((await submit(page)).status(), 400);
      // With JS off, autofocus puts the keyboard on the error summary.
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true,
        `error summary has focus after a failed submit (focus: ${await focusedId(page)})`);
      const described = await page.evaluate(() => [...document.querySelectorAll('[aria-describedby]')].map((el) => ({
        id: el.id, ids: el.getAttribute('aria-describedby').split(/\s+/),
        missing: el.getAttribute('aria-describedby').split(/\s+/).filter((x) => !document.getElementById(x)) })));
      for (const d of described) assert.deepEqual(d.missing, [], `aria-describedby of #${d.id} names existing elements`);
      for (const q of missing) {
        const d = described.find((x) => x.id === `f-${q}`);
        assert.ok(d, `fieldset #f-${q} has aria-describedby`);
        assert.deepEqual(d.ids, [`f-${q}-err`], `fieldset #f-${q} is described by its error`);
      }
      assert.equal(described.filter((x) => /^f-U\d$/.test(x.id)).length, missing.length, 'only the questions in error are described');

      // A text field with both a help note and an error: occupation "Lainnya" without saying which.
      await page.locator('#f-occupation').selectOption('LAINNYA');
      await tapLabel(page, 'f-U2-3');
      await tapLabel(page, 'f-U6-3');
      assert.equal((await submit(page)).status(), 400);
      assert.equal(await page.locator('#f-occupation_other').getAttribute('aria-describedby'),
        'f-occupation_other-help f-occupation_other-err', 'help and error both describe the field');
      assert.equal(await page.locator('#f-occupation_other').getAttribute('aria-invalid'), 'true');
    } finally {
      await context.close();
    }
  });

  test('10. focus is clearly visible, a chosen option stands out and the error bar runs beside the question', async () => {
    const context = await newPhoneContext({ js: false });
    try {
      const page = await context.newPage();
      await open(page, `/u/${UNIT}/survei`);
      const ring = (sel) => page.locator(sel).evaluate((el) => {
        el.focus();
        const cs = getComputedStyle(el);
        let bg = 'rgb(255, 255, 255)';
        for (let p = el.parentElement; p; p = p.parentElement) {
          const c = getComputedStyle(p).backgroundColor;
          if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
        }
        return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), color: cs.outlineColor, bg };
      });
      for (const sel of ['#f-service', '#f-U1-1', '#f-age', '#f-suggestion', 'button.primary', 'footer.bottom a', 'header.top a.brand']) {
        const r = await ring(sel);
        assert.notEqual(r.style, 'none', `${sel}: focus outline shown`);
        assert.ok(r.width >= 2, `${sel}: focus outline at least 2 px (${r.width})`);
        const c = contrast(r.color, r.bg);
        assert.ok(c >= 3, `${sel}: focus outline ${r.color} on ${r.bg} has contrast ${c.toFixed(2)} < 3`);
      }

      // A chosen option looks different from the others.
      await tapLabel(page, 'f-U1-3');
      const look = (id) => page.locator(`label[for="${id}"]`).evaluate((el) => {
        const cs = getComputedStyle(el);
        return `${cs.backgroundColor} ${cs.borderTopColor}`;
      });
      assert.notEqual(await look('f-U1-3'), await look('f-U1-2'), 'the chosen option is highlighted');

      // With an error, the red bar runs beside the legend (the question) too, not just below it.
      await fillSurvey(page, { skip: ['U5'] });
      assert.equal((await submit(page)).status(), 400);
      const fs = page.locator('#f-U5');
      await fs.scrollIntoViewIfNeeded();
      const box = await fs.boundingBox();
      const legend = await fs.locator('legend').boundingBox();
      const img = decodePng(await page.screenshot({ clip: { x: box.x, y: legend.y, width: 4, height: legend.height } }));
      const notRed = [];
      for (let y = 0; y < img.height; y++) {
        const [r, g, b] = img.px(Math.floor(img.width / 2), y);
        if (!(r > 140 && g < 60 && b < 80)) notRed.push(`${y}: rgb(${r}, ${g}, ${b})`);
      }
      assert.deepEqual(notRed.slice(0, 5), [], 'left edge of #f-U5 beside its legend is the red error bar');
    } finally {
      await context.close();
    }
  });
});
