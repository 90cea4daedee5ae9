// Browser test of search: node search.test.mjs <public-dir> <normalised-words.json>
//
// The built bundled dossier (plus a hostile article and one of a very common word) opened from disk and under an HTTP
// subpath: German folding, stemming, typos, phrases, filters, keyboard use, snippets linked to
// their paragraph, text that must not run, and the page without JavaScript. The JSON file holds
// lines of text with the terms the Rust indexer made of them; the browser must make the same.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { SUBPATH, withBrowser } from './harness.mjs';

const publicDir = resolve(process.argv[2] ?? 'public');
const expected = JSON.parse(await readFile(process.argv[3], 'utf8'));

// Opens search.html with these parameters and waits for the results.
async function results(page, base, params) {
  await page.goto(base + 'search.html?' + new URLSearchParams(params));
  await page.waitForFunction(() => !/läuft/.test(document.getElementById('search-status').textContent));
  return page.$$eval('#search-page-results li', (items) => items.map((li) => ({
    title: li.querySelector('.item-title').textContent,
    href: li.querySelector('.item-title a').getAttribute('href'),
    meta: li.querySelector('.item-meta').textContent,
    snippet: li.querySelector('.item-summary').textContent,
    marked: Array.from(li.querySelectorAll('.item-summary mark'), (m) => m.textContent),
  })));
}

async function normalisation(page, base) {
  await page.goto(base + 'index.html');
  const lines = expected.map((e) => e.text);
  const browser = await page.evaluate((texts) => texts.map((t) => window.DOSSIER_SEARCH.terms(t)), lines);
  const differ = expected.filter((e, i) => JSON.stringify(e.terms) !== JSON.stringify(browser[i]));
  assert.deepEqual(differ.slice(0, 5).map((e) => [e.text, e.terms, browser[expected.indexOf(e)]]), [],
    `${differ.length} of ${lines.length} lines normalised differently`);
  return lines.length;
}

async function matching(page, base, label) {
  // Umlaut folding: the spelling without umlauts finds Brüssel, and marks it.
  for (const q of ['Bruessel', 'brussel', 'BRÜSSEL']) {
    const found = await results(page, base, { q });
    assert.ok(found.length >= 3, `${label}: ${q}: ${found.length}`);
    assert.ok(found.slice(0, 3).some((r) => r.marked.includes('Brüssel')), `${label}: ${q} marks Brüssel`);
  }
  // Stemming: the singular finds the plural.
  let found = await results(page, base, { q: 'Waffenlieferung' });
  assert.ok(found.some((r) => r.marked.includes('Waffenlieferungen')), `${label}: stemming`);
  // Hyphen compounds are found by each part and as a whole, closed spelling included.
  for (const q of ['Gipfel', 'NATO-Gipfel', 'Natogipfel']) {
    found = await results(page, base, { q });
    assert.ok(found.some((r) => r.marked.some((m) => /NATO-Gipfel/.test(m))), `${label}: ${q} finds NATO-Gipfel`);
  }
  // One typo in a word of five letters or more; his entity page first.
  found = await results(page, base, { q: 'Stoltenbrg' });
  assert.equal(found[0]?.title, 'Jens Stoltenberg', `${label}: typo`);
  assert.match(await page.locator('#search-status').textContent(), /Tippfehler/);
  assert.equal((await results(page, base, { q: 'Rute' })).length, 0, `${label}: no typo help under five letters`);
  // A typo that changes the suffix the stemmer cuts (waffenlieferungn is no inflection).
  found = await results(page, base, { q: 'Waffenlieferungn' });
  assert.ok(found.some((r) => r.marked.includes('Waffenlieferungen')), `${label}: typo in an inflection`);
  // A phrase must stand in that order; its marks cover the whole phrase.
  found = await results(page, base, { q: '"NATO-Gipfel in Vilnius"' });
  assert.ok(found.length >= 1 && found.every((r) => r.marked.includes('NATO-Gipfel in Vilnius')), `${label}: phrase`);
  assert.equal((await results(page, base, { q: '"Vilnius in NATO-Gipfel"' })).length, 0, `${label}: phrase order`);
  // The snippet's link leads to the paragraph it quotes.
  found = await results(page, base, { q: 'Ramstein' });
  const article = found.find((r) => r.href.includes('#p'));
  assert.ok(article, `${label}: a result linked to a paragraph`);
  await page.goto(base + article.href);
  const paragraph = await page.locator(`[id="${article.href.split('#')[1]}"]`).textContent();
  assert.ok(paragraph.includes('Ramstein'), `${label}: the paragraph holds the word`);
}

async function filters(page, base, label) {
  const all = await results(page, base, { q: 'NATO' });
  const politico = await results(page, base, { q: 'NATO', outlet: 'politico' });
  assert.ok(politico.length > 0 && politico.length < all.length, `${label}: outlet filter`);
  assert.ok(politico.every((r) => r.meta.includes('POLITICO')), `${label}: only POLITICO`);
  assert.equal(await page.locator('select[name=outlet]').inputValue(), 'politico', `${label}: the select shows it`);
  // Filters combine; changing one updates the results and the shareable URL.
  const year = await results(page, base, { q: 'NATO', outlet: 'politico', year: '2024' });
  assert.ok(year.length < politico.length && year.every((r) => /2024/.test(r.meta)), `${label}: outlet and year`);
  await page.selectOption('select[name=year]', '2023');
  await page.waitForFunction(() => /year=2023/.test(location.search));
  await page.waitForFunction(() => !/läuft/.test(document.getElementById('search-status').textContent));
  const metas = await page.locator('#search-page-results .item-meta').allTextContents();
  assert.ok(metas.length > 0 && metas.every((m) => /2023/.test(m) && /POLITICO/.test(m)), `${label}: select re-filters: ${metas}`);
  // An entity and a topic, by the names in the URL.
  const entity = await results(page, base, { q: 'Ukraine', entity: 'jens-stoltenberg', topic: 'nato-gipfel' });
  assert.ok(entity.length > 0 && entity.length < (await results(page, base, { q: 'Ukraine' })).length, `${label}: entity and topic`);
  await results(page, base, { q: 'Ukraine', entity: 'jens-stoltenberg' });
  await page.waitForFunction(() => document.querySelector('input[name=entity]').value === 'Jens Stoltenberg');
}

// Types into the focused box and waits until the suggestions for the whole text are shown.
async function typeQuery(page, text) {
  const shown = page.evaluate((q) => new Promise((done) => {
    document.addEventListener('dossier-search', (e) => { if (e.detail.query === q) done(); });
  }), text);
  await page.keyboard.type(text);
  await shown;
}

async function keyboard(page, base, label) {
  await page.goto(base + 'index.html');
  await page.keyboard.press('/');
  await typeQuery(page, 'Gipfel');
  const input = page.locator('#search-input');
  assert.equal(await input.getAttribute('role'), 'combobox');
  const options = page.locator('#search-suggestions[role=listbox] [role=option][data-url]');
  await options.nth(1).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await input.getAttribute('aria-activedescendant'), await options.nth(1).getAttribute('id'));
  assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true', `${label}: second option selected`);
  const target = await options.nth(1).getAttribute('data-url');
  const expectedUrl = new URL(target, page.url()).href;
  await Promise.all([page.waitForURL((u) => u.href === expectedUrl), page.keyboard.press('Enter')]);
  // As-you-type prefix: the unfinished word already finds its completions.
  await page.keyboard.press('/');
  await typeQuery(page, 'Verteidigungsminis');
  await options.first().waitFor();
}

// Phrases are answered from the positions shipped beside the postings: exactly counted, and
// suggestions load no texts. A word too common to have positions (the fixture's `und`, repeated
// beyond positions::MAX_BYTES) is placed by the word pairs it forms; where a pair is too common
// as well (`und und`), the results' texts settle it.
async function phrases(page, base, label) {
  await results(page, base, { q: '"NATO-Gipfel in Vilnius"' });
  assert.match(await page.locator('#search-status').textContent(), /^\d+ Treffer/, `${label}: exact phrase count`);

  await page.goto(base + 'index.html');
  await page.keyboard.press('/');
  await typeQuery(page, '"NATO-Gipfel in Vilni');
  await page.locator('#search-suggestions [role=option][data-url]').first().waitFor();
  const loaded = await page.$$eval('script[src*="search/"]', (s) => s.map((e) => e.getAttribute('src')));
  assert.ok(loaded.some((src) => /search\/p\//.test(src)), `${label}: positions loaded`);
  assert.deepEqual(loaded.filter((src) => /search\/f\//.test(src)), [], `${label}: no texts loaded for a phrase`);

  let found = await results(page, base, { q: '"Gipfel und dann"' });
  assert.deepEqual(found.map((r) => r.title), ['Ein Absatz voller und'], `${label}: phrase with a common word`);
  assert.ok(found[0].marked.includes('Gipfel und dann'), `${label}: common-word phrase marked`);
  assert.match(await page.locator('#search-status').textContent(), /^1 Treffer/, `${label}: counted by pairs`);
  assert.equal((await results(page, base, { q: '"dann und Gipfel"' })).length, 0, `${label}: common-word phrase order`);
  // A word still being typed matches terms with positions and a left-out one (`und`): the
  // pairs cannot settle it, the texts do.
  await page.goto(base + 'index.html');
  await page.keyboard.press('/');
  await typeQuery(page, '"Gipfel und');
  const titles = await page.$$eval('#search-suggestions .s-title', (s) => s.map((e) => e.textContent));
  assert.ok(titles.includes('Ein undenkbarer Gipfel'), `${label}: phrase prefix past a common word: ${titles}`);
  found = await results(page, base, { q: '"und und und"' });
  assert.equal(found[0]?.title, 'Ein Absatz voller und', `${label}: phrase of a too common pair`);
  assert.ok(found.every((r) => r.marked.some((m) => m.includes('und und und'))), `${label}: checked on the texts`);
}

async function hostile(page, base, label) {
  const found = await results(page, base, { q: 'onerror' });
  assert.ok(found.some((r) => r.snippet.includes('<img src=x onerror=alert(1)>')), `${label}: markup shows as text`);
  const scriptText = await results(page, base, { q: 'Skriptende' });
  assert.ok(scriptText.some((r) => r.snippet.includes('</script>')), `${label}: </script> shows as text`);
  assert.equal(await page.locator('#search-page-results img').count(), 0, `${label}: no element made from text`);
}

await withBrowser(publicDir, async ({ browser, page, httpBase }) => {
  const bases = [
    ['file://', pathToFileURL(publicDir).href + '/'],
    [`http ${SUBPATH}`, httpBase],
  ];
  for (const [label, base] of bases) {
    const lines = await normalisation(page, base);
    console.log(`ok: ${label}: ${lines} lines normalised as the indexer does`);
    await matching(page, base, label);
    console.log(`ok: ${label}: umlauts, stemming, compounds, typo, phrase, paragraph links`);
    await phrases(page, base, label);
    console.log(`ok: ${label}: phrases from positions, and with a word without them`);
    await filters(page, base, label);
    console.log(`ok: ${label}: outlet, year, entity and topic filters, from the URL and the form`);
    await keyboard(page, base, label);
    console.log(`ok: ${label}: keyboard`);
    await hostile(page, base, label);
    console.log(`ok: ${label}: source text shown as text`);
  }

  // Without JavaScript the box says it needs it, and the results page says where else to look.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(bases[0][1] + 'search.html?q=NATO');
  assert.match(await plain.locator('#search-input').getAttribute('placeholder'), /JavaScript/);
  assert.match(await plain.locator('main').textContent(), /braucht JavaScript/);
  await Promise.all([plain.waitForURL(/entities\.html$/), plain.locator('main a[href$="entities.html"]').click()]);
  console.log('ok: without JavaScript');
  await noScript.close();
});
