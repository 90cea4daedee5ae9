// The print edition: print.html rendered to PDF by headless Chromium, a page per article at
// least, with print styles applied; every link inside the document leads to an id in it.
//
// Usage: node print.test.mjs <public dir> <pdf out>
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withBrowser } from './harness.mjs';

const [publicDir, pdfOut] = process.argv.slice(2);

await withBrowser(publicDir, async ({ page }) => {
  await page.goto(pathToFileURL(join(publicDir, 'print.html')).href);
  const articles = await page.locator('.print-article').count();
  assert.ok(articles > 0, 'the print edition holds the articles');

  // Links within the document lead somewhere in it.
  const missing = await page.evaluate(() =>
    [...document.querySelectorAll('a[href^="#"]')]
      .map((a) => a.getAttribute('href').slice(1))
      .filter((id) => id && !document.getElementById(decodeURIComponent(id))));
  assert.deepEqual(missing, [], 'in-document links without a target');

  await page.emulateMedia({ media: 'print' });
  const style = await page.evaluate(() => ({
    breakBefore: getComputedStyle(document.querySelector('.print-article')).breakBefore,
    header: getComputedStyle(document.querySelector('.site-header')).display,
    seedTarget: getComputedStyle(document.querySelector('.print-edition a.seed-link'), '::after').content,
    registerTarget: getComputedStyle(document.querySelector('.print-edition .body a[href^="entities/"]'), '::after').content,
  }));
  assert.equal(style.breakBefore, 'page', 'each article starts a page');
  assert.equal(style.header, 'none', 'the site header is not printed');
  assert.ok(style.seedTarget.includes('seeds/'), `the source's address is printed: ${style.seedTarget}`);
  assert.ok(['none', 'normal'].includes(style.registerTarget), `a register link's target is not: ${style.registerTarget}`);

  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  await writeFile(pdfOut, pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= articles + 2, `${pages} PDF pages for ${articles} articles, a cover, register and chronology`);
  console.log(`ok: print.html → ${pages} PDF pages (${articles} articles), ${pdf.length} bytes at ${pdfOut}`);
});
