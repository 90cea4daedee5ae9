// A chronology split by year: the overview's filter shows the years with entries on the chosen
// entity and hands the choice on to the year pages, which filter their own entries; a choice
// a year has no entries for shows none of them rather than all.
//
// Usage: node chronology.test.mjs <public dir>
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withBrowser } from './harness.mjs';

const publicDir = process.argv[2];
const ENTITY = 'jens-stoltenberg';

async function check(page, base, label) {
  await page.goto(`${base}chronology.html?entity=${ENTITY}`);
  const years = page.locator('.chrono-years li');
  const all = await years.count();
  const shown = page.locator('.chrono-years li:not([hidden])');
  const with_entity = await shown.count();
  assert.ok(with_entity >= 1 && with_entity < all, `${label}: ${with_entity} of ${all} years name ${ENTITY}`);
  const href = await shown.first().locator('a').getAttribute('href');
  assert.match(href, new RegExp(`^chronology-\\d{4}\\.html\\?entity=${ENTITY}$`), `${label}: the year link keeps the filter`);

  // The year's page filters its own entries by the choice it was handed.
  await Promise.all([page.waitForURL(/chronology-\d{4}\.html\?entity=/), shown.first().locator('a').click()]);
  assert.equal(await page.locator('select[name="entity"]').inputValue(), ENTITY, `${label}: the year page takes the filter`);
  const entries = await page.locator('li.entry').count();
  const matching = await page.locator('li.entry:not([hidden])').count();
  assert.ok(matching >= 1 && matching < entries, `${label}: ${matching} of ${entries} entries shown`);
  assert.match(await page.locator('.chrono-count').textContent(), new RegExp(`^${matching} von ${entries} `));
  // Its year links keep the filter too.
  assert.match(await page.locator('.year-nav a').first().getAttribute('href'), new RegExp(`\\?entity=${ENTITY}$`));

  // A year without the entity shows no entry.
  await page.goto(`${base}chronology-1995.html?entity=${ENTITY}`);
  assert.equal(await page.locator('li.entry:not([hidden])').count(), 0, `${label}: nothing of ${ENTITY} in 1995`);
  assert.match(await page.locator('.chrono-count').textContent(), /^0 von /);

  // Choosing "all" on the overview shows every year again and clears the links' filter.
  await page.goto(`${base}chronology.html?entity=${ENTITY}`);
  await page.locator('select[name="entity"]').selectOption('');
  assert.equal(await shown.count(), all, `${label}: every year with no filter`);
  assert.match(await years.first().locator('a').getAttribute('href'), /^chronology-[^?]+\.html$/);
}

await withBrowser(publicDir, async ({ page, httpBase }) => {
  await check(page, pathToFileURL(publicDir).href + '/', 'file://');
  console.log('ok: file:// chronology split by year, filter handed on');
  await check(page, httpBase, 'http subpath');
  console.log('ok: http subpath chronology split by year');
});
