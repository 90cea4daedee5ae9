// Browser test of an English dossier: node strings.test.mjs <public-dir>
//
// The scripts hold no interface text of their own: search.js and chronology.js read the
// strings of the site's language from assets/strings.js, a script, so from disk too.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { withBrowser } from './harness.mjs';

const publicDir = resolve(process.argv[2] ?? 'public');

await withBrowser(publicDir, async ({ page }) => {
  const base = pathToFileURL(publicDir).href + '/';

  await page.goto(base + 'index.html');
  assert.equal(await page.locator('#search-input').getAttribute('placeholder'), 'Search … ( / )');
  await page.locator('#search-input').fill('Stoltenberg');
  const options = page.locator('#search-suggestions [role="option"][data-url]');
  await options.first().waitFor({ timeout: 5000 });
  const metas = await page.locator('#search-suggestions .s-meta').allTextContents();
  assert.ok(metas.some((m) => /^Person · \d+ articles?$/.test(m)), `suggestion kinds: ${metas}`);
  await page.locator('#search-input').fill('Xylophon');
  await page.locator('#search-suggestions .s-empty').waitFor({ timeout: 5000 });
  assert.equal(await page.locator('#search-suggestions .s-empty').textContent(), 'No results for “Xylophon”');
  console.log('ok: suggestions in English');

  await page.goto(base + 'search.html?q=Stoltenberg');
  await page.locator('#search-page-results li').first().waitFor({ timeout: 5000 });
  assert.match(await page.locator('#search-status').textContent(), /^\d+ results? for “Stoltenberg”$/);
  await page.goto(base + 'search.html?q=%22Stoltenberg%20besucht%22');
  await page.locator('#search-page-results li').first().waitFor({ timeout: 5000 });
  assert.match(await page.locator('#search-status').textContent(), /^1 result for "Stoltenberg besucht"$/);
  await page.goto(base + 'search.html');
  assert.equal(await page.locator('#search-status').textContent(), 'Type what to search for above.');
  console.log('ok: results page in English');

  await page.goto(base + 'chronology.html?entity=jens-stoltenberg');
  await page.locator('#chrono-filter').waitFor({ state: 'visible', timeout: 5000 });
  assert.match(await page.locator('.chrono-count').textContent(), /^\d+ of \d+ entries$/);
  await page.selectOption('#chrono-filter select[name=entity]', '');
  assert.match(await page.locator('.chrono-count').textContent(), /^\d+ entries$/);
  console.log('ok: chronology filter in English');
});
