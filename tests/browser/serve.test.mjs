// Browser test of `dossier serve`: node serve.test.mjs <address of an article page> <its .md file>
//
// Opens the page as the preview serves it, then edits the article on disk, and waits for the page
// to reload by itself and show the edit; breaks the article's date and waits for the error to
// show over the last good page; fixes it and waits for the error to go. Fails on any console
// error, page error, failed request or dialog.
import { readFile, writeFile } from 'node:fs/promises';
import assert from 'node:assert/strict';
import { failOn, launch, watch } from './harness.mjs';

const [address, article] = process.argv.slice(2);
// Generous: CI is a slow two-core machine, running other tests at the same time.
const PATIENCE = { timeout: 90_000 };

async function edit(from, to) {
  const text = await readFile(article, 'utf8');
  assert.ok(text.includes(from), `${article} holds ${from}`);
  await writeFile(article, text.replace(from, to));
}

const problems = [];
const browser = await launch();
try {
  const page = await browser.newPage();
  watch(page, problems);
  let loads = 0;
  page.on('load', () => { loads += 1; });
  await page.goto(address);
  assert.equal(await page.locator('h1').textContent(), 'Gipfel in Vilnius');

  await edit('title = "Gipfel in Vilnius"', 'title = "Gipfel in Vilnius, bearbeitet"');
  await page.locator('h1', { hasText: 'Gipfel in Vilnius, bearbeitet' }).waitFor(PATIENCE);
  assert.ok(loads >= 2, `the page reloaded by itself (${loads} loads)`);

  await edit('date = "2023-07"', 'date = "2023-02-30"');
  const alert = page.locator('[role="alert"]');
  await alert.waitFor(PATIENCE);
  assert.match(await alert.textContent(), /content\/gipfel\.md:3: `2023-02-30`/);
  assert.equal(await page.locator('h1').textContent(), 'Gipfel in Vilnius, bearbeitet', 'the last good page');

  await edit('date = "2023-02-30"', 'date = "2023-07"');
  await alert.waitFor({ state: 'detached', ...PATIENCE });
  console.log(`reloaded after an edit, showed a failed rebuild and its fix (${loads} loads)`);
} finally {
  await browser.close();
}
failOn(problems);
