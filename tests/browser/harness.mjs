// What the browser tests share: Debian's Chromium with the flags this machine needs, a static
// server that serves public/ only under a GitHub-Pages-like project subpath, and a watch for
// anything that goes wrong on a page (console errors, page errors, failed requests, dialogs).
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { join, extname, relative } from 'node:path';
import { chromium } from 'playwright-core';

export const SUBPATH = '/dossier-repo/';
export const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json',
};

export async function htmlFiles(publicDir) {
  const entries = await readdir(publicDir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => relative(publicDir, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

// A static server that serves public/ only under SUBPATH, as GitHub Pages serves a project site.
export function serve(publicDir) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(SUBPATH)) { res.writeHead(404).end('outside the project path'); return; }
    const file = join(publicDir, path.slice(SUBPATH.length));
    if (!file.startsWith(publicDir)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// Watches a page for anything that went wrong while a step ran.
export function watch(page, problems) {
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()} (${page.url()})`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message} (${page.url()})`));
  page.on('requestfailed', (r) => {
    // ERR_ABORTED is a request cut short by the next navigation (e.g. the favicon), not a fault.
    const reason = r.failure()?.errorText;
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${reason}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
}


export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
}

// Runs `steps` with Chromium, a watched page and the subpath server, closes them, and fails the
// run if anything went wrong on a page.
export async function withBrowser(publicDir, steps) {
  const problems = [];
  const browser = await launch();
  const server = await serve(publicDir);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page, problems);
    await steps({ browser, page, httpBase: `http://127.0.0.1:${server.address().port}${SUBPATH}` });
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
  failOn(problems);
}

// Ends the run with a failure if anything went wrong on a page.
export function failOn(problems) {
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
}
