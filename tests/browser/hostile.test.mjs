// Nothing a source wrote runs: every page of a dossier holding a hostile article (script tags,
// event attributes, `</script>` in its title, script and data links, SVG and MathML with script,
// frames, forms, `<base>`, `<meta refresh>`) opened from disk and under an HTTP subpath, with
// search run for the article's words. A payload that ran would open a dialog, set
// `window.__pwned`, log to the console, load something from elsewhere or leave the page.
//
// Usage: node hostile.test.mjs <public dir> <search word>
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { htmlFiles, withBrowser } from './harness.mjs';

const publicDir = resolve(process.argv[2] ?? 'public');
const word = process.argv[3];

// Events a payload could hang on, fired at every element after load.
const EVENTS = ['mouseover', 'mouseenter', 'focus', 'click', 'toggle', 'animationstart', 'load', 'error'];

await withBrowser(publicDir, async ({ page, httpBase }) => {
  const problems = [];
  let base = '';
  let navigations = [];
  page.on('console', (m) => problems.push(`console ${m.type()}: ${m.text()} (${page.url()})`));
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) problems.push(`request outside the site: ${r.url()} (${page.url()})`);
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
    else problems.push(`a frame loaded ${frame.url()} (${page.url()})`);
  });
  page.on('popup', (p) => problems.push(`a window opened: ${p.url()}`));

  // Opens `url`, lets timers and refreshes fire, pokes every element, and checks that nothing ran.
  async function visit(url) {
    navigations = [];
    await page.goto(url);
    await page.waitForLoadState('load');
    await page.evaluate((events) => {
      for (const element of document.querySelectorAll('body *')) {
        // A link followed would leave the page: its click is cancelled, its handlers still run.
        for (const type of events) {
          const event = new Event(type, { bubbles: true, cancelable: true });
          element.addEventListener(type, (e) => e.preventDefault(), { once: true });
          element.dispatchEvent(event);
        }
      }
    }, EVENTS);
    await page.waitForTimeout(150);
    const state = await page.evaluate(() => ({
      pwned: window.__pwned,
      frames: window.frames.length,
      href: location.href.split('#')[0],
      base: document.querySelector('base')?.getAttribute('href') ?? null,
      refresh: document.querySelector('meta[http-equiv]')?.getAttribute('http-equiv') ?? null,
    }));
    const page_ = url.split('?')[0].split('#')[0];
    assert.equal(state.pwned, undefined, `a payload ran on ${url}`);
    assert.equal(state.frames, 0, `a frame on ${url}`);
    assert.equal(state.base, null, `a <base> on ${url}`);
    assert.equal(state.refresh, null, `a <meta http-equiv> on ${url}`);
    assert.equal(state.href.split('?')[0], page_, `left ${url} for ${state.href}`);
    const elsewhere = navigations.filter((n) => n.split('?')[0].split('#')[0] !== page_);
    assert.deepEqual(elsewhere, [], `navigated away from ${url}`);
  }

  // An alias page's own refresh leads to its entity's page: the one navigation allowed.
  async function visitAlias(url) {
    navigations = [];
    await page.goto(url);
    await page.waitForURL((u) => u.href !== url, { timeout: 5000 });
    await page.waitForLoadState('load');
    assert.ok(page.url().startsWith(base + 'entities/'), `${url} led to ${page.url()}`);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, `a payload ran after ${url}`);
  }

  const pages = await htmlFiles(publicDir);
  const aliases = new Set();
  for (const file of pages) {
    if ((await readFile(join(publicDir, file), 'utf8')).match(/<meta[^>]*http-equiv="?refresh/)) aliases.add(file);
  }
  const roots = [pathToFileURL(publicDir).href + '/', httpBase];
  for (const root of roots) {
    base = root;
    for (const file of pages) {
      // Seed pages are named like their seeds, with any character a file name may hold.
      const url = new URL(file.split('/').map(encodeURIComponent).join('/'), root).href;
      if (aliases.has(file)) await visitAlias(url);
      else await visit(url);
    }
    // Search for the hostile article's words: its title, summary and text in the results.
    await visit(root + 'search.html?' + new URLSearchParams({ q: word }));
    await page.waitForFunction(() => !/läuft/.test(document.getElementById('search-status').textContent));
    const results = await page.locator('#search-page-results li').count();
    assert.ok(results > 0, `searching ${word} finds the hostile article`);
    await visit(root + 'index.html');
    await page.fill('#search-input', word);
    await page.waitForSelector('#search-suggestions li');
    await page.waitForTimeout(150);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'suggestions ran a payload');
  }
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  assert.ok(aliases.size < pages.length / 2, `${aliases.size} of ${pages.length} pages refresh`);
  console.log(`ok: ${pages.length} pages (${aliases.size} alias pages) opened twice (file:// and ${httpBase}), search for "${word}" run, nothing ran`);
});
