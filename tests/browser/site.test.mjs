// Browser test of a built dossier: node site.test.mjs <public-dir>
//
// Opens the site from disk (file://) and under a GitHub-Pages-like subpath over HTTP, types into
// the search box, follows results and links, and fails on any console error, page error, failed
// request or dialog. Uses Debian's Chromium; playwright's own browser downloads fail here.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { SUBPATH, htmlFiles, withBrowser } from './harness.mjs';

const publicDir = resolve(process.argv[2] ?? 'public');
async function searchAndFollow(page, base, label) {
  await page.goto(base + 'index.html');
  assert.match(await page.title(), /NATO/, `${label}: front page title`);

  // "/" focuses the box; typing shows suggestions from the index loaded by a script tag.
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input', `${label}: "/" focuses search`);
  await page.keyboard.type('Stoltenberg');
  const options = page.locator('#search-suggestions [role="option"][data-url]');
  await options.first().waitFor({ timeout: 5000 });
  const texts = await options.allTextContents();
  assert.ok(texts.length >= 3, `${label}: suggestions for Stoltenberg: ${texts}`);
  assert.ok(texts[0].includes('Jens Stoltenberg'), `${label}: his entity page comes first: ${texts[0]}`);
  assert.equal(await page.locator('#search-input').getAttribute('aria-expanded'), 'true');

  // Arrow down + Enter opens the highlighted suggestion.
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForURL(/entities\/jens-stoltenberg\.html$/), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('h1').textContent(), 'Jens Stoltenberg');

  // From the entity page, follow an article, then the article's link to an entity.
  await Promise.all([page.waitForURL(/articles\//), page.locator('.article-list a').first().click()]);
  assert.ok(await page.locator('#p1').count(), `${label}: article has paragraph anchors`);
  await Promise.all([
    page.waitForURL(/entities\/nato\.html$/),
    page.locator('.article-footer a', { hasText: /^NATO$/ }).click(),
  ]);
  assert.equal(await page.locator('h1').textContent(), 'NATO');

  // Submitting the form opens the shareable results page search.html?q=...
  await page.locator('#search-input').fill('Brüssel Rutte');
  await Promise.all([page.waitForURL(/search\.html\?q=/), page.locator('#search-input').press('Enter')]);
  await page.locator('#search-page-results li').first().waitFor({ timeout: 5000 });
  assert.match(await page.locator('#search-status').textContent(), /Treffer/);
  assert.match(await page.locator('#search-page-results').textContent(), /Blinken/);

  // Folded spelling finds the umlaut: "Bruessel" is not "Brüssel", but "brussel" is.
  await page.goto(base + 'search.html?q=brussel');
  await page.locator('#search-page-results li').first().waitFor({ timeout: 5000 });
}

// The chronology filters by entity and topic in the page, from the URL too.
async function chronologyFilter(page, base, label) {
  await page.goto(base + 'chronology.html?entity=jens-stoltenberg');
  await page.locator('#chrono-filter').waitFor({ state: 'visible', timeout: 5000 });
  const visible = () => page.$$eval('.entry[data-entities]', (els) => els
    .filter((e) => !e.hidden && e.offsetParent !== null)
    .map((e) => ({ entities: e.dataset.entities.split(' '), topics: e.dataset.topics.split(' ') })));
  const total = await page.locator('.entry[data-entities]').count();
  let shown = await visible();
  assert.ok(shown.length > 0 && shown.length < total, `${label}: entity filter shows ${shown.length} of ${total}`);
  assert.ok(shown.every((e) => e.entities.includes('jens-stoltenberg')), `${label}: only Stoltenberg's entries`);
  await page.selectOption('#chrono-filter select[name=topic]', 'nato-gipfel');
  shown = await visible();
  assert.ok(shown.length > 0, `${label}: entity and topic together match something`);
  assert.ok(shown.every((e) => e.entities.includes('jens-stoltenberg') && e.topics.includes('nato-gipfel')), `${label}: both filters apply`);
  const count = await page.locator('.chrono-count').textContent();
  assert.ok(count.includes(`${shown.length} von ${total}`), `${label}: count says ${count}`);
  await page.selectOption('#chrono-filter select[name=entity]', '');
  await page.selectOption('#chrono-filter select[name=topic]', '');
  assert.equal((await visible()).length, total, `${label}: clearing the filters shows everything`);
  // The density picture's bars lead to sections of the page.
  const href = await page.locator('svg.timeline a').first().getAttribute('href');
  assert.ok(href.startsWith('#') && (await page.locator(href).count()) === 1, `${label}: bar link ${href}`);
}

await withBrowser(publicDir, async ({ page, httpBase }) => {

  const fileBase = pathToFileURL(publicDir).href + '/';
  await searchAndFollow(page, fileBase, 'file://');
  console.log('ok: file:// search, suggestions, keyboard, links');
  await chronologyFilter(page, fileBase, 'file://');
  console.log('ok: file:// chronology filter by entity and topic');

  await searchAndFollow(page, httpBase, 'http subpath');
  console.log(`ok: ${SUBPATH} over HTTP`);
  await chronologyFilter(page, httpBase, 'http subpath');
  console.log(`ok: chronology filter under ${SUBPATH}`);

  // Every page under the subpath loads without a failed request (stylesheets, scripts).
  const pages = await htmlFiles(publicDir);
  for (const file of pages) {
    if (file === '404.html') continue; // GitHub Pages serves it at other paths; see the Rust tests.
    const url = httpBase + file.split('/').map(encodeURIComponent).join('/');
    const html = await readFile(join(publicDir, file), 'utf8');
    if (/http-equiv="?refresh/.test(html)) {
      // An alias page: it must lead on to its entity's page, under the subpath too.
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForURL((u) => !u.pathname.endsWith('/' + file), { waitUntil: 'load', timeout: 10000 });
      assert.ok(page.url().startsWith(httpBase + 'entities/'), `${file} leads to ${page.url()}`);
    } else {
      await page.goto(url);
    }
  }
  console.log(`ok: ${pages.length - 1} pages loaded under ${SUBPATH} without errors`);
});
