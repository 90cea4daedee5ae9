// Accessibility: axe-core over every kind of page of a built dossier, in light and dark mode,
// with zero violations of WCAG 2.1 A and AA and axe's best practices. Also the keyboard's way
// in: the skip link is the first thing a Tab reaches, and it shows when focused.
//
// Usage: node a11y.test.mjs <public dir>
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { withBrowser } from './harness.mjs';

const publicDir = process.argv[2];
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// One page of each kind, with what makes it that kind.
const PAGES = [
  'index.html',
  'articles.html',
  'articles/nato-baut-zivile-praesenz-in-der-ukraine-aus.html',
  'entities.html',
  'entities-by-mentions.html',
  'entities/jens-stoltenberg.html',
  'topics.html',
  'topics/nato-gipfel.html',
  'chronology.html',
  'chronology.html?entity=jens-stoltenberg',
  'search.html?q=Stoltenberg',
  'seeds/000_5e96e0efb5c2b0bc.txt.html',
  '404.html',
  'print.html',
];

await withBrowser(publicDir, async ({ page, httpBase }) => {
  const failures = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of PAGES) {
      await page.goto(httpBase + path, { waitUntil: 'load' });
      // Let the page's scripts (search results, filters) finish.
      await page.waitForTimeout(150);
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() =>
        window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        }),
      );
      for (const v of result.violations) {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
        failures.push(`${scheme} ${path}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} × ${where}`);
      }
      console.log(`${scheme} ${path}: ${result.violations.length} violations, ${result.passes.length} rules passed`);
    }
  }
  assert.deepEqual(failures, [], failures.join('\n'));

  // The first Tab reaches the skip link, which then shows.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(httpBase + 'articles.html');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    return { cls: el.className, visible: box.width > 1 && box.height > 1 && box.top >= 0 };
  });
  assert.equal(focused.cls, 'skip-link');
  assert.ok(focused.visible, 'the skip link shows when focused');
  console.log('ok: zero axe-core violations on every page type, light and dark; skip link first');
});
