// examples/oauth-pkce in a real browser: headless Chromium loads the page (its script bundled from
// the sources with esbuild, pointed at a Prism mock), follows the PKCE flow, and the test checks what
// the page sent to the API and what it showed. Skipped, loudly, only when no Chromium is installed
// (Debian: `apt-get install -y chromium`; or set CHROMIUM_PATH), and never under RUNTIMES_REQUIRED=1.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, type Prism, root, type StaticSite, serveFiles, startPrism } from './support';

const chromiumPath = findChromium();
// .ci/run sets RUNTIMES_REQUIRED=1: there a missing Chromium fails the run instead of skipping it.
if (!chromiumPath && process.env.RUNTIMES_REQUIRED === '1') {
  throw new Error(
    'test/browser/oauth-pkce.test.ts: no Chromium found (tried $CHROMIUM_PATH, /usr/bin/chromium, PATH), and RUNTIMES_REQUIRED=1 says the browser test must run. Install it (Debian: apt-get install -y chromium).',
  );
}
if (!chromiumPath) {
  console.warn(
    [
      '',
      '!'.repeat(100),
      '!!! test/browser/oauth-pkce.test.ts is SKIPPED: no Chromium found (tried $CHROMIUM_PATH, /usr/bin/chromium, PATH).',
      '!!! Install it (Debian: apt-get install -y chromium) to run the OAuth PKCE example in a real browser.',
      '!'.repeat(100),
      '',
    ].join('\n'),
  );
}

const VERIFIER_KEY = 'openrouter-pkce-verifier';
const CODE = 'auth-code-from-openrouter';
const exampleDir = join(root, 'examples', 'oauth-pkce');

const sha256Base64Url = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The mask the example applies (examples/oauth-pkce/main.ts, maskKey). */
const masked = (key: string) => (key.length > 16 ? `${key.slice(0, 9)}…${key.slice(-4)}` : '•'.repeat(key.length));

describe.skipIf(!chromiumPath)('examples/oauth-pkce in headless Chromium against a Prism mock', () => {
  let prism: Prism | undefined;
  let site: StaticSite | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    prism = await startPrism();
    const bundle = await build({
      entryPoints: [join(exampleDir, 'main.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      define: { __OPENROUTER_BASE_URL__: JSON.stringify(prism.url) },
    });
    const mainJs = bundle.outputFiles[0]?.contents;
    if (!mainJs) throw new Error('esbuild produced no bundle for examples/oauth-pkce/main.ts');
    site = await serveFiles({
      '/': ['text/html; charset=utf-8', await readFile(join(exampleDir, 'index.html'))],
      '/main.js': ['text/javascript; charset=utf-8', mainJs],
    });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await prism?.stop();
  }, 30_000);

  /** A fresh page (its own context, so its own sessionStorage) that records requests to the API and page errors. */
  async function openPage(): Promise<{ page: Page; apiRequests: Request[]; pageErrors: string[] }> {
    if (!browser || !prism) throw new Error('beforeAll did not finish');
    const context = await browser.newContext();
    const page = await context.newPage();
    const apiRequests: Request[] = [];
    const pageErrors: string[] = [];
    const apiOrigin = new URL(prism.url).origin;
    page.on('request', (request) => {
      if (new URL(request.url()).origin === apiOrigin) apiRequests.push(request);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    return { page, apiRequests, pageErrors };
  }

  /** Waits until the page leaves `loading`/`exchanging` and returns its state with any error it shows. */
  async function settledState(page: Page): Promise<{ state: string | undefined; error: string }> {
    await page.waitForFunction(
      () => !['loading', 'exchanging'].includes(document.body.dataset.state ?? 'loading'),
      undefined,
      { timeout: 15_000 },
    );
    return page.evaluate(() => ({
      state: document.body.dataset.state,
      error: document.getElementById('error')?.textContent ?? '',
    }));
  }

  it('shows the authorization URL, then exchanges the callback code with the stored verifier', async () => {
    if (!site || !prism) throw new Error('beforeAll did not finish');
    const { page, apiRequests, pageErrors } = await openPage();
    try {
      // 1. First visit: a verifier in sessionStorage, a link to openrouter.ai/auth with its challenge.
      await page.goto(site.url);
      expect(await settledState(page)).toEqual({ state: 'ready', error: '' });
      const href = await page.getAttribute('#authorize', 'href');
      expect(await page.isVisible('#authorize')).toBe(true);
      const authorizationUrl = new URL(href ?? '');
      expect(`${authorizationUrl.origin}${authorizationUrl.pathname}`).toBe('https://openrouter.ai/auth');
      expect(authorizationUrl.searchParams.get('callback_url')).toBe(site.url);
      expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
      const challenge = authorizationUrl.searchParams.get('code_challenge') ?? '';
      expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const verifier = await page.evaluate((key) => sessionStorage.getItem(key), VERIFIER_KEY);
      expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
      expect(sha256Base64Url(verifier ?? '')).toBe(challenge);
      expect(apiRequests).toEqual([]);

      // 2. OpenRouter sends the user back with ?code=...: the page trades code + verifier for a key.
      await page.goto(`${site.url}?code=${encodeURIComponent(CODE)}`);
      expect(await settledState(page)).toEqual({ state: 'signed-in', error: '' });

      expect(apiRequests.map((request) => `${request.method()} ${request.url()}`)).toEqual([
        `POST ${prism.url}/auth/keys`,
      ]);
      const [exchange] = apiRequests;
      if (!exchange) throw new Error('no request reached the mock');
      expect(exchange.headers()['content-type']).toMatch(/^application\/json/);
      expect(exchange.headers().authorization).toBeUndefined();
      const sent = exchange.postDataJSON() as Record<string, unknown>;
      expect(sent).toEqual({ code: CODE, code_verifier: verifier, code_challenge_method: 'S256' });
      // The verifier sent is the one whose hash went out in the authorization URL.
      expect(sha256Base64Url(String(sent.code_verifier))).toBe(challenge);

      const response = await exchange.response();
      expect(response?.status()).toBe(200);
      // Prism marks requests that break the spec with `sl-violations`.
      expect(response?.headers()['sl-violations']).toBeUndefined();
      const answer = (await response?.json()) as { key: string; user_id: string | null };
      expect(typeof answer.key).toBe('string');

      // 3. What the page shows: the key masked (never whole), the user id; the verifier is used up.
      const shownKey = (await page.textContent('#key')) ?? '';
      expect(shownKey).toBe(masked(answer.key));
      expect(shownKey).not.toContain(answer.key);
      expect(await page.textContent('#user-id')).toBe(answer.user_id ?? '(none)');
      expect(await page.isVisible('#result')).toBe(true);
      expect(await page.evaluate((key) => sessionStorage.getItem(key), VERIFIER_KEY)).toBeNull();
      expect(page.url()).toBe(site.url);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 60_000);

  it('on a callback without a stored verifier, shows an error and sends nothing', async () => {
    if (!site) throw new Error('beforeAll did not finish');
    const { page, apiRequests } = await openPage();
    try {
      await page.goto(`${site.url}?code=${encodeURIComponent(CODE)}`);
      const { state, error } = await settledState(page);
      expect(state).toBe('error');
      expect(error).toContain('No PKCE verifier');
      expect(await page.isVisible('#result')).toBe(false);
      expect(apiRequests).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 60_000);
});
