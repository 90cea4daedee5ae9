// Search benchmark in headless Chromium: node measure.mjs <public-dir> <query>...
//
// For each query, each time on a fresh page (nothing of the index cached):
// - typed: typed into the search box at 8 keys a second; time from the last keystroke to the
//   suggestions shown (their fragments loaded); bytes of all index scripts loaded meanwhile;
// - pasted: the whole query pasted into the box of a page that has loaded nothing yet;
// - warm: the same query again, everything it needs already loaded;
// - page: search.html?q=... with the first ten results and their snippets, and its bytes.
// Runs from disk (file://) and over HTTP under a subpath; prints one JSON line per measurement.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SUBPATH, launch, serve } from '../../tests/browser/harness.mjs';
import { median } from './stats.mjs';

const publicDir = resolve(process.argv[2]);
const queries = process.argv.slice(3);
const RUNS = Number(process.env.RUNS ?? 5);

// Bytes of the index scripts a page loads while `work` runs.
async function weigh(page, work) {
  const files = [];
  const onResponse = (r) => {
    if (r.url().includes('/search/')) files.push(r.body().then((b) => b.length, () => 0));
  };
  page.on('response', onResponse);
  const result = await work();
  page.off('response', onResponse);
  const sizes = await Promise.all(files);
  return { ...result, files: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}

// Waits for the suggestions for `query` to be shown.
function shown(page, query) {
  return page.evaluate((q) => new Promise((done) => {
    document.addEventListener('dossier-search', function on(e) {
      if (e.detail.query !== q) return;
      document.removeEventListener('dossier-search', on);
      done({ ms: e.detail.ms, count: e.detail.count });
    });
  }), query);
}

async function typedByHand(page, query) {
  await page.locator('#search-input').focus();
  const done = shown(page, query);
  await page.keyboard.type(query, { delay: 125 });
  return done;
}

// Puts `query` in the box in one go, as a paste does, and waits for suggestions.
function pasted(page, query) {
  return page.evaluate((q) => new Promise((done) => {
    const input = document.getElementById('search-input');
    document.addEventListener('dossier-search', function on(e) {
      if (e.detail.query !== q) return;
      document.removeEventListener('dossier-search', on);
      done({ ms: e.detail.ms, count: e.detail.count });
    });
    input.focus();
    input.value = q;
    input.dispatchEvent(new Event('input'));
  }), query);
}

// The results page with its first ten results and their snippets.
async function resultsPage(page, base, query) {
  await page.goto(base + 'search.html?q=' + encodeURIComponent(query));
  await page.waitForFunction(() => !/läuft/.test(document.getElementById('search-status').textContent));
  return { count: await page.locator('#search-page-results li').count() };
}

const browser = await launch();
const server = await serve(publicDir);
try {
  const bases = [
    ['file', pathToFileURL(publicDir).href + '/'],
    ['http', `http://127.0.0.1:${server.address().port}${SUBPATH}`],
  ];
  for (const [where, base] of bases) {
    for (const query of queries) {
      const times = { typed: [], pasted: [], warm: [] };
      let box;
      let pageLoad;
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(base + 'index.html');
        box = await weigh(page, () => typedByHand(page, query));
        times.typed.push(box.ms);
        await page.goto(base + 'index.html');
        times.pasted.push((await pasted(page, query)).ms);
        await pasted(page, query + ' ');
        times.warm.push((await pasted(page, query)).ms);
        await page.close();
        const fresh = await context.newPage();
        pageLoad = await weigh(fresh, () => resultsPage(fresh, base, query));
        await context.close();
      }
      const ms = (list) => +median(list).toFixed(1);
      console.log(JSON.stringify({
        where, query, results: box.count,
        typed_ms: ms(times.typed), pasted_ms: ms(times.pasted), warm_ms: ms(times.warm),
        typed_bytes: box.bytes, typed_files: box.files,
        page_bytes: pageLoad.bytes, page_files: pageLoad.files, page_results: pageLoad.count,
      }));
    }
  }
} finally {
  await browser.close();
  server.close();
}
