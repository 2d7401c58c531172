// The documentation site as a reader gets it: `typedoc` (typedoc.json: the README, the guide in
// docs/ and the API reference; warnings, such as a link to a missing file, are errors) builds it
// into a scratch folder, a static server serves it, and headless Chromium opens EVERY page: no
// console error, no page error, no failed request, and every link to the site itself (the
// navigation the page's script renders included) points at a page that exists, and at an anchor on
// it when it names one. Screenshots of the front page and a guide page go to .tmp/docs-screenshots/
// (git-ignored) for review. Without Chromium it is skipped loudly; REQUIRE_TOOLS=1 or
// RUNTIMES_REQUIRED=1 (.ci/run) make a missing Chromium a failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, relative } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './packed';

function whichChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const chromiumPath = whichChromium();
const required = process.env.REQUIRE_TOOLS === '1' || process.env.RUNTIMES_REQUIRED === '1';
if (!chromiumPath && required) {
  throw new Error(
    'test/docs/site.test.ts: no chromium on PATH (nor $CHROMIUM_PATH), and REQUIRE_TOOLS/RUNTIMES_REQUIRED say the site check must run. Install it (Debian: apt-get install -y chromium).',
  );
}
if (!chromiumPath) {
  console.warn(
    `\n${'!'.repeat(100)}\n!!! test/docs/site.test.ts is SKIPPED: no chromium on PATH (nor $CHROMIUM_PATH). Install it (Debian: apt-get install -y chromium).\n${'!'.repeat(100)}\n`,
  );
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

/** Every file of the site, relative to it, with `/` separators. */
function siteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => !file.includes('..'))
    .map((file) => file.split('\\').join('/'))
    .filter((file) => extname(file) !== '');
}

describe.skipIf(!chromiumPath)('the documentation site in headless Chromium', () => {
  const out = join(root, '.tmp', `docs-site-test-${process.pid}`);
  const screenshots = join(root, '.tmp', 'docs-screenshots');
  let server: Server | undefined;
  let base = '';
  let browser: Browser | undefined;
  let pages: string[] = [];
  /** Ids on each page, read lazily, to check `page.html#anchor` links. */
  const ids = new Map<string, Set<string>>();

  beforeAll(async () => {
    rmSync(out, { recursive: true, force: true });
    execFileSync(process.execPath, [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    pages = siteFiles(out).filter((file) => file.endsWith('.html'));
    server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const file = normalize(join(out, path.endsWith('/') ? `${path}index.html` : path));
      if (relative(out, file).startsWith('..') || !existsSync(file)) {
        response.writeHead(404).end('not found');
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no port');
    base = `http://127.0.0.1:${address.port}/`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-background-networking'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(out, { recursive: true, force: true });
  });

  function idsOf(page: string): Set<string> {
    let found = ids.get(page);
    if (!found) {
      const html = readFileSync(join(out, page), 'utf8');
      found = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? ''));
      ids.set(page, found);
    }
    return found;
  }

  it('has the front page, every guide page and the API reference', () => {
    expect(pages).toContain('index.html');
    // TypeDoc names a document's page after its title: one page per Markdown file of docs/.
    const guide = readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md'));
    expect(pages.filter((page) => page.startsWith('documents/'))).toHaveLength(guide.length);
    expect(pages).toContain('classes/index.OpenRouter.html');
    expect(pages.length).toBeGreaterThan(100);
  });

  it('every page loads without a console error, and every internal link resolves', async () => {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext();
    const problems: string[] = [];
    let linksChecked = 0;
    // Two tabs at a time: 400-odd pages in about a minute on a shared machine.
    const queue = [...pages];
    const worker = async () => {
      const tab = await context.newPage();
      let current = '';
      tab.on('console', (message) => {
        if (message.type() === 'error') problems.push(`${current}: console error: ${message.text()}`);
      });
      tab.on('pageerror', (error) => problems.push(`${current}: page error: ${error.message}`));
      tab.on('requestfailed', (request) => {
        // Aborted: the tab moved on to the next page before it finished (the favicon, typically).
        const why = request.failure()?.errorText ?? '';
        if (why !== 'net::ERR_ABORTED') problems.push(`${current}: request failed (${why}): ${request.url()}`);
      });
      tab.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${current}: ${response.status()} for ${response.url()}`);
      });
      for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
        current = page;
        await tab.goto(base + page, { waitUntil: 'load' });
        // The navigation tree is rendered by the page's script: wait for it before reading links.
        await tab.waitForFunction(() => document.querySelector('.site-menu a, #tsd-nav-container a') !== null, null, {
          timeout: 10_000,
        });
        const hrefs = await tab.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
        for (const href of hrefs) {
          if (!href.startsWith(base)) continue;
          const url = new URL(href);
          const target = decodeURIComponent(url.pathname.slice(1)) || 'index.html';
          linksChecked++;
          if (!existsSync(join(out, target))) {
            problems.push(`${page}: link to a missing page: ${target}`);
          } else if (
            url.hash.length > 1 &&
            target.endsWith('.html') &&
            !idsOf(target).has(decodeURIComponent(url.hash.slice(1)))
          ) {
            problems.push(`${page}: link to a missing anchor: ${target}${url.hash}`);
          }
        }
      }
      await tab.close();
    };
    await Promise.all([worker(), worker()]);
    await context.close();
    console.log(`docs site: ${pages.length} pages opened in Chromium, ${linksChecked} internal links checked`);
    expect([...new Set(problems)]).toEqual([]);
  }, 600_000);

  it('writes screenshots of the front page and a guide page for review', async () => {
    if (!browser) throw new Error('no browser');
    mkdirSync(screenshots, { recursive: true });
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const [page, name] of [
      ['index.html', 'front-page.png'],
      ['documents/Getting_started.html', 'guide-getting-started.png'],
    ] as const) {
      await tab.goto(base + page, { waitUntil: 'load' });
      const file = join(screenshots, name);
      rmSync(file, { force: true });
      await tab.screenshot({ path: file, fullPage: false });
      expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    }
    await tab.close();
  }, 60_000);
});
