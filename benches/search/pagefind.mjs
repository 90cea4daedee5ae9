// Pagefind on the same pages, for comparison: node pagefind.mjs <public-dir> <query>...
//
// Expects a Pagefind index in <public-dir>/pagefind (benches/search/run.sh makes one with
// `pagefind --site <public-dir> --root-selector main`). Pagefind fetch()es its index and
// WebAssembly, so it runs over HTTP only; the script records what happens from file:// too.
// For each query, on a fresh browser context (nothing cached): the time from calling
// pagefind.js to the first ten results' fragments (title, excerpt) loaded, the bytes of
// everything under pagefind/ loaded meanwhile, then the same query warm. Median of RUNS.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SUBPATH, launch, serve } from '../../tests/browser/harness.mjs';
import { median } from './stats.mjs';

const publicDir = resolve(process.argv[2]);
const queries = process.argv.slice(3);
const RUNS = Number(process.env.RUNS ?? 5);

// Loads Pagefind, searches, loads the first ten results; returns ms and the titles.
function search(page, base, query) {
  return page.evaluate(async ([base, q]) => {
    const started = performance.now();
    const pagefind = await import(base + 'pagefind/pagefind.js');
    const found = await pagefind.search(q);
    const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    return { ms: performance.now() - started, count: found.results.length, first: data.map((d) => d.meta.title).slice(0, 3) };
  }, [base, query]);
}

const browser = await launch();
const server = await serve(publicDir);
try {
  const fileBase = pathToFileURL(publicDir).href + '/';
  const onDisk = await browser.newPage();
  await onDisk.goto(fileBase + 'index.html');
  const fromDisk = await search(onDisk, fileBase, queries[0]).then(() => 'works', (e) => e.message.split('\n')[0]);
  console.log(JSON.stringify({ where: 'file', query: queries[0], error: fromDisk }));
  await onDisk.close();

  const base = `http://127.0.0.1:${server.address().port}${SUBPATH}`;
  for (const query of queries) {
    const cold = [];
    const warm = [];
    let bytes = 0;
    let files = 0;
    let last;
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(base + 'index.html');
      const sizes = [];
      const onResponse = (r) => {
        if (r.url().includes('/pagefind/')) sizes.push(r.body().then((b) => b.length, () => 0));
      };
      page.on('response', onResponse);
      last = await search(page, base, query);
      page.off('response', onResponse);
      const loaded = await Promise.all(sizes);
      bytes = loaded.reduce((a, b) => a + b, 0);
      files = loaded.length;
      cold.push(last.ms);
      warm.push((await search(page, base, query)).ms);
      await context.close();
    }
    console.log(JSON.stringify({
      where: 'http', query, results: last.count, first: last.first,
      cold_ms: +median(cold).toFixed(1), warm_ms: +median(warm).toFixed(1), bytes, files,
    }));
  }
} finally {
  await browser.close();
  server.close();
}
