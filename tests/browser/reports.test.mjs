// Browser end-to-end tests of the staff's report pages of wadah: the Laporan
// page (every document of the engine's table with its LKE items, status,
// preview, draft downloads and the finalising form), a document's page (the
// embedded preview, the narrative forms, finalising), the unit's document
// data and the recommendation tracker.
//
// Drives Debian's /usr/bin/chromium through playwright-core (no bundled
// browser is ever downloaded), with JavaScript off as the staff pages must
// work without it, and checks accessibility with axe-core. Every page is
// looked at 1366 px wide and on a 360 px phone, where the page body must not
// scroll sideways. Screenshots go to ./artifacts/r*.png and, for a person to
// look at, to /tmp/wadah-reports-*.png; the server's log to
// ./artifacts/reports-server.log.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS, PHONE, base, setUpSuite, newPhoneContext, newDesktopContext, newWatchedPage, screenshot, open, press,
  typeInto, staffLogin, apiSession, assertNoAxeViolations, horizontalOverflow, assertNoHorizontalScroll,
} from './lib.mjs';

/** tim_zi: writes the narratives, finalises, keeps the document data and the tracker. */
const ZI = { user: 'timzi', password: 'tim-zona-integritas-42' };
/** pengelola_wbs holding the unit's WBS key: the only one who makes the WBS document. */
const WBS = { user: 'wbs', password: 'pengelola-wbs-kuat-42' };
const PERIOD = '2026-S1';
const TEMUAN = 'Verifikasi pengaduan melalui WhatsApp rata-rata melewati batas 3 hari kerja.';

/** Violations the pages are known to have, by page label and axe rule id (see lib.mjs); none at the time of writing. */
const KNOWN_AXE_VIOLATIONS = {};

/** Saves a screenshot into ./artifacts and a copy into /tmp for a person to look at. */
async function shot(page, name) {
  await screenshot(page, name);
  copyFileSync(join(ARTIFACTS, `${name}.png`), `/tmp/wadah-reports-${name}.png`);
}

/**
 * A logged-in page of `who`, 1366 px wide or phone-sized. With JavaScript
 * off (as the pages must work) the Content-Security-Policy holds and
 * assertLoadedFromServerOnly() sees any violation; axe-core needs its script
 * injected, so the pages it checks are opened again with `axe` (JavaScript
 * on, CSP bypassed for the injected script only).
 */
async function staffPage(who, { phone = false, axe = false } = {}) {
  const opts = axe ? { js: true, bypassCSP: true } : {};
  const context = phone ? await newPhoneContext(opts) : await newDesktopContext(opts);
  // A desktop browser asks for /favicon.ico, which wadah does not serve.
  await context.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  const watched = await newWatchedPage(context, { provokedStatuses: [400, 409] });
  await staffLogin(watched.page, who);
  return { context, ...watched };
}

/** Opens PATH as WHO at both widths: axe-core clean, no sideways scroll, screenshots NAME-1366 / NAME-360. */
async function checkPage(t, who, path, name) {
  for (const phone of [false, true]) {
    const tag = phone ? '360' : '1366';
    const { context, page } = await staffPage(who, { phone, axe: true });
    try {
      await open(page, path);
      await assertNoAxeViolations(t, page, `${name} ${tag}`);
      await assertFits(page, `${name} ${tag}`);
      await shot(page, `${name}-${tag}`);
    } finally {
      await context.close();
    }
  }
}

/** The page does not scroll sideways at its viewport width. */
async function assertFits(page, label) {
  const width = page.viewportSize().width;
  if (width === PHONE.width) return assertNoHorizontalScroll(page, label);
  const { scrollWidth, clientWidth, wide } = await horizontalOverflow(page);
  assert.ok(scrollWidth <= clientWidth, `${label}: scrollWidth ${scrollWidth} > ${clientWidth}; ${wide.join(', ')}`);
}

/** Clicks a link and waits for the page it opens. */
async function follow(page, link) {
  const [resp] = await Promise.all([page.waitForNavigation(), link.click()]);
  return resp;
}

describe('the report pages of the staff', { timeout: 600_000 }, () => {
  setUpSuite({
    name: 'reports',
    knownAxeViolations: KNOWN_AXE_VIOLATIONS,
    contextTimeout: 30_000,
    serverLogFile: 'reports-server.log',
    prepare(s) {
      s.init('Dinas Kependudukan dan Pencatatan Sipil Kota Contoh');
      s.addUser(ZI, ['tim_zi']);
      s.addUser(WBS, ['pengelola_wbs']);
      s.grantKey(WBS, 'wbs');
    },
  });

  test('1. the Laporan page lists every document with its LKE items, at 1366 px and 360 px', async (t) => {
    const api = await apiSession(ZI);
    const list = await api.get(`/api/v1/u/demo/reports?period=${PERIOD}`);
    assert.equal(list.status, 200);
    await api.logout();
    for (const phone of [false, true]) {
      const { context, page, assertLoadedFromServerOnly } = await staffPage(ZI, { phone });
      try {
        // The menu leads there; the period chooser picks the semester.
        await follow(page, page.locator('.staff-nav a', { hasText: 'Laporan' }));
        await page.locator('#f-period').selectOption(PERIOD);
        await press(page, 'Tampilkan');
        assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /Laporan Semester I Tahun 2026/);
        assert.equal(await page.locator('.doc-card').count(), list.json.documents.length, 'one card per document');
        for (const d of list.json.documents) {
          const card = page.locator(`[id="dok-${d.key}"]`);
          assert.equal((await card.locator('h2').textContent()).startsWith(d.name), true, d.name);
          for (const item of d.lke) assert.ok((await card.textContent()).includes(item.code), `${d.key} names ${item.code}`);
        }
        const wbs = page.locator('[id="dok-wbs-monev"]');
        assert.match(await wbs.textContent(), /Butuh kunci WBS/, 'the WBS document says it needs the key');
        assert.equal(await wbs.getByRole('link', { name: /Pratinjau/ }).count(), 0, 'and offers no preview');
        const d1 = page.locator('[id="dok-pengaduan-monev"]');
        assert.equal(await d1.locator('.status-badge').textContent(), 'Draf');
        assert.match(await d1.locator('input[type=date]').inputValue(), /^\d{4}-\d{2}-\d{2}$/, 'the letter date defaults to today');
        assertLoadedFromServerOnly(3);
      } finally {
        await context.close();
      }
    }
    await checkPage(t, ZI, `/staff/laporan?period=${PERIOD}`, 'r01-laporan');
  });

  test('2. a preview, a narrative saved and shown in it, finalising and the downloads', async (t) => {
    await checkPage(t, ZI, `/staff/laporan/pengaduan-monev?period=${PERIOD}`, 'r02-dokumen');
    const { context, page, assertLoadedFromServerOnly } = await staffPage(ZI);
    try {
      await open(page, `/staff/laporan?period=${PERIOD}`);
      const d1 = page.locator('[id="dok-pengaduan-monev"]');
      // Every draft download of the card answers a file.
      for (const a of await d1.locator('.downloads a').all()) {
        const href = await a.getAttribute('href');
        const resp = await page.request.get(base + href);
        assert.equal(resp.status(), 200, `draft download ${href}`);
        assert.match(resp.headers()['content-disposition'] || '', /^attachment; filename="pengaduan-monev-2026-s1\./, href);
      }
      await follow(page, d1.getByRole('link', { name: /^Pratinjau/ }));
      assert.match(page.url(), /\/staff\/laporan\/pengaduan-monev\?period=2026-S1/);
      const article = page.locator('.preview-frame article.report');
      assert.equal(await article.isVisible(), true, 'the preview is shown');
      assert.match(await article.getAttribute('class'), /draft/, 'as a draft');
      assert.match(await article.textContent(), /LAPORAN MONITORING DAN EVALUASI PENANGANAN PENGADUAN MASYARAKAT/);
      // Its rules came from the style sheet (the CSP allows no inline style).
      assert.equal(await article.evaluate((el) => getComputedStyle(el).position), 'relative');
      // The required slots are marked and open.
      const temuan = page.locator('#isian-temuan');
      assert.match(await temuan.locator('summary').textContent(), /wajib/);
      assert.equal(await temuan.getAttribute('open'), '', 'an empty required slot is open');

      // Finalising now is refused, naming the empty slots.
      let resp = await press(page, 'Finalkan');
      assert.equal(resp.status(), 409);
      assert.match(await page.locator('.error-summary').first().textContent(), /Temuan dan Permasalahan.*Rekomendasi/s);
      await shot(page, 'r03-refused-1366');

      // A narrative is saved and appears in the preview.
      await typeInto(page, '#t-temuan', TEMUAN);
      resp = await press(page, 'Simpan Temuan dan Permasalahan');
      assert.equal(resp.status(), 200);
      assert.match(await page.locator('.notice').textContent(), /Temuan dan Permasalahan.*disimpan/);
      assert.ok((await page.locator('.preview-frame article.report').textContent()).includes(TEMUAN), 'the preview shows the text');
      assert.match(await page.locator('#isian-temuan summary').textContent(), /terisi, versi 1/);

      // The rekomendasi table: one row, then rows more.
      const slot = page.locator('#isian-rekomendasi');
      if ((await slot.getAttribute('open')) === null) await slot.locator('summary').click();
      await page.locator('[id="r0.temuan-rekomendasi"]').fill('Verifikasi kanal WhatsApp lambat');
      await page.locator('[id="r0.rekomendasi-rekomendasi"]').fill('Petugas piket WhatsApp setiap hari kerja');
      await page.locator('[id="r0.penanggung_jawab-rekomendasi"]').fill('Kepala Seksi Pelayanan');
      await page.locator('[id="r0.target_waktu-rekomendasi"]').fill('TW III 2026');
      resp = await press(page, 'Simpan dan tambah baris Rekomendasi dan Rencana Tindak Lanjut');
      assert.equal(resp.status(), 200);
      assert.equal(await page.locator('#isian-rekomendasi .row-set').count(), 4, 'the saved row and three to fill');
      assert.ok((await page.locator('.preview-frame article.report').textContent()).includes('Petugas piket WhatsApp setiap hari kerja'));
      assert.equal(await page.locator('.need-key').count(), 0, 'no required slot is left empty');

      // Finalised: the artefact is listed and downloads with the hash the page shows.
      await page.locator('#f-date').fill('2026-07-10');
      resp = await press(page, 'Finalkan');
      assert.equal(resp.status(), 200);
      assert.match(await page.locator('.notice').textContent(), /Dokumen difinalkan/);
      const art = page.locator('.art-list li').first();
      assert.match(await art.textContent(), /pengaduan-monev-2026-s1\.pdf/);
      assert.match(await art.textContent(), /10 Juli 2026/);
      const shown = (await art.locator('code.sha').textContent()).trim();
      const file = await page.request.get(base + await art.locator('a').getAttribute('href'));
      assert.equal(file.status(), 200);
      assert.equal(file.headers()['content-type'], 'application/pdf');
      const sha = createHash('sha256').update(await file.body()).digest('hex');
      assert.ok(sha.startsWith(shown), `downloaded file hashes to ${sha}, the page shows ${shown}`);
      await shot(page, 'r03-final-1366');

      // The list shows it final; the tracker has the item from the table.
      await open(page, `/staff/laporan?period=${PERIOD}`);
      assert.equal(await page.locator('[id="dok-pengaduan-monev"] .status-badge').textContent(), 'Final');
      await open(page, '/staff/tindak-lanjut');
      assert.match(await page.locator('.rec-card').first().textContent(), /Petugas piket WhatsApp setiap hari kerja/);
      assertLoadedFromServerOnly(6);
    } finally {
      await context.close();
    }
  });

  test('3. the tracker: a status event through the form, at both widths', async (t) => {
    const { context, page, assertLoadedFromServerOnly } = await staffPage(ZI);
    try {
      await open(page, '/staff/tindak-lanjut');
      const card = page.locator('.rec-card').first();
      const id = (await card.getAttribute('id')).replace('butir-', '');
      await card.locator('select[name=status]').selectOption('TIDAK_DILAKSANAKAN');
      await card.locator('textarea[name=note]').fill('   ');
      let resp = await press(page, `Simpan status butir ${id}`);
      assert.equal(resp.status(), 400, 'no reason given');
      assert.equal(await page.locator(`[id="e${id}-note"]`).getAttribute('aria-invalid'), 'true');
      await page.locator(`[id="e${id}-status"]`).selectOption('SELESAI');
      await page.locator(`[id="e${id}-note"]`).fill('Piket berjalan sejak Agustus 2026.');
      await page.locator(`[id="e${id}-evidence-ref"]`).fill('SK Kepala Dinas 800/112/2026');
      resp = await press(page, `Simpan status butir ${id}`);
      assert.equal(resp.status(), 200);
      assert.match(await page.locator('.notice').textContent(), /Status disimpan/);
      assert.match(await page.locator(`#butir-${id} .status-badge`).textContent(), /Selesai/);
      assertLoadedFromServerOnly(3);
    } finally {
      await context.close();
    }
    await checkPage(t, ZI, '/staff/tindak-lanjut', 'r04-tindak-lanjut');
  });

  test('4. the document data: a bad NIP refused in place, a signatory added, at both widths', async (t) => {
    const { context, page, assertLoadedFromServerOnly } = await staffPage(ZI, { axe: true });
    try {
      await open(page, '/staff/laporan/pengaturan');
      await page.locator('#p-kop').fill('PEMERINTAH KOTA CONTOH\nDINAS KEPENDUDUKAN DAN PENCATATAN SIPIL\nJalan Merdeka No. 1');
      await page.locator('#p-place').fill('Contoh');
      let resp = await press(page, 'Simpan kop dan data unit');
      assert.equal(resp.status(), 200);
      assert.match(await page.locator('.notice').textContent(), /Kop surat/);
      assert.match(await page.locator('#p-kop').inputValue(), /PEMERINTAH KOTA CONTOH/);
      await page.locator('#s-jabatan').fill('Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Contoh');
      await page.locator('#s-name').fill('Drs. Sutrisno Wibowo, M.Si.');
      await page.locator('#s-nip').fill('1973 0327');
      resp = await press(page, 'Tambah penanda tangan');
      assert.equal(resp.status(), 400);
      assert.equal(await page.locator('#s-nip').getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('#s-nip-err').textContent(), /18 angka/);
      assert.equal(await page.locator('#s-name').inputValue(), 'Drs. Sutrisno Wibowo, M.Si.', 'what was typed is kept');
      assert.match(await page.locator('.error-summary').textContent(), /NIP/);
      await assertNoAxeViolations(t, page, 'document data refused');
      await shot(page, 'r05-data-refused-1366');
      await page.locator('#s-nip').fill('197303271993021002');
      resp = await press(page, 'Tambah penanda tangan');
      assert.equal(resp.status(), 200);
      assert.match(await page.locator('#penandatangan ~ .table-scroll').first().textContent(), /19730327 199302 1 002/);
      assertLoadedFromServerOnly(4);
    } finally {
      await context.close();
    }
    await checkPage(t, ZI, '/staff/laporan/pengaturan', 'r05-data');
  });

  test('5. the WBS manager with the key previews the WBS document', async (t) => {
    const { context, page } = await staffPage(WBS);
    try {
      await open(page, `/staff/laporan?period=${PERIOD}`);
      const card = page.locator('[id="dok-wbs-monev"]');
      assert.doesNotMatch(await card.textContent(), /Butuh kunci WBS/);
      await follow(page, card.getByRole('link', { name: /^Pratinjau/ }));
      assert.match(await page.locator('.preview-frame article.report').textContent(), /WHISTLE/i);
    } finally {
      await context.close();
    }
    await checkPage(t, WBS, `/staff/laporan/wbs-monev?period=${PERIOD}`, 'r06-wbs');
  });
});
