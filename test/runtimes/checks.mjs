// The runtime checks: what a user of the packed package does, in any JavaScript runtime, against the
// canned server of mock-server.mjs. Plain JavaScript, importing the package by its name, with no
// Node API, so the same file runs in Node, Bun, Deno, workerd, the edge runtime and a browser.
// `runChecks(baseURL)` resolves to one result per check; `formatReport` makes the lines a host
// prints: `PASS <check>` / `FAIL <check>: <why>`, then `RESULT {json}` (the machine-readable summary).
import {
  APITimeoutError,
  APIUserAbortError,
  BadGatewayError,
  NotFoundError,
  OpenRouter,
  OpenRouterError,
  VERSION,
} from 'openrouter-ts';
import { buildAuthorizationUrl, createCodeChallenge, createPkcePair } from 'openrouter-ts/helpers';
import { CHECK_NAMES } from './check-names.mjs';

const API_KEY = 'sk-or-v1-runtime-checks';
const REQUEST = { messages: [{ role: 'user', content: 'Hi' }] };

class CheckFailed extends Error {}

function expectEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new CheckFailed(`${what}: expected ${e}, got ${a}`);
}

function expectInstance(value, type, what) {
  if (!(value instanceof type)) {
    const got = value instanceof Error ? `${value.name}: ${value.message}` : String(value);
    throw new CheckFailed(`${what}: expected ${type.name}, got ${got}`);
  }
}

/** The error `promise` rejects with; fails the check when it resolves. */
async function rejection(promise, what) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new CheckFailed(`${what}: expected a rejection, but it resolved`);
}

function base64Url(bytes) {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The checks, each a function of a client pointed at the mock server. */
function checks(baseURL) {
  const client = new OpenRouter({ apiKey: API_KEY, baseURL, maxRetries: 2 });
  return {
    'list models': async () => {
      const page = await client.models.list();
      expectEqual(
        page.data.map((model) => model.id),
        ['mock/chat'],
        'model ids',
      );
      expectEqual(page.data[0]?.pricing.prompt, '0.000001', 'prompt price');
    },
    'model endpoints': async () => {
      const { data } = await client.models.endpoints('openai/gpt-4o');
      expectEqual(data.id, 'openai/gpt-4o', 'model id');
      expectEqual(
        data.endpoints.map((endpoint) => endpoint.provider_name),
        ['OpenAI'],
        'providers',
      );
    },
    'chat completion': async () => {
      const completion = await client.chat.completions.create({ ...REQUEST, model: 'mock/chat' });
      expectEqual(completion.choices[0]?.message.content, 'Hello from the mock.', 'content');
      expectEqual(completion.usage?.total_tokens, 7, 'total tokens');
    },
    'stream: for await': async () => {
      const stream = await client.chat.completions.create({ ...REQUEST, model: 'mock/stream', stream: true });
      const pieces = [];
      for await (const chunk of stream) pieces.push(chunk.choices[0]?.delta.content ?? '');
      expectEqual(pieces, ['Hel', 'lo', '!'], 'chunks (keep-alive comments skipped, [DONE] ends it)');
    },
    'stream: finalCompletion()': async () => {
      const stream = await client.chat.completions.create({ ...REQUEST, model: 'mock/stream', stream: true });
      const completion = await stream.finalCompletion();
      expectEqual(completion.choices[0]?.message.content, 'Hello!', 'merged content');
      expectEqual(completion.choices[0]?.finish_reason, 'stop', 'finish reason');
      expectEqual(completion.usage?.total_tokens, 6, 'total tokens');
    },
    'stream: error chunk is a typed error': async () => {
      const stream = await client.chat.completions.create({ ...REQUEST, model: 'mock/stream-error', stream: true });
      const pieces = [];
      const error = await rejection(
        (async () => {
          for await (const chunk of stream) pieces.push(chunk.choices[0]?.delta.content ?? '');
        })(),
        'iterating',
      );
      expectEqual(pieces, ['partial'], 'chunks before the error');
      expectInstance(error, BadGatewayError, 'the error');
      expectEqual([error.status, error.message], [502, '502 Provider returned error'], 'status and message');
    },
    '429 is retried': async () => {
      const id = `rate-limited-${Math.random().toString(36).slice(2)}`;
      const { data } = await client.models.get(`mock/${id}`);
      expectEqual([data.id, data.attempt], [`mock/${id}`, 2], 'model and attempt that answered');
    },
    NotFoundError: async () => {
      const error = await rejection(client.models.get('mock/missing'), 'models.get');
      expectInstance(error, NotFoundError, 'the error');
      expectEqual([error.status, error.message, error.attempts], [404, '404 Model mock/missing not found', 1], 'error');
    },
    'timeout: APITimeoutError': async () => {
      const started = Date.now();
      const error = await rejection(client.models.get('mock/stall', { timeout: 300, maxRetries: 0 }), 'models.get');
      expectInstance(error, APITimeoutError, 'the error');
      const waited = Date.now() - started;
      if (waited < 250) throw new CheckFailed(`gave up after ${waited} ms, before the 300 ms timeout`);
    },
    'abort mid-stream: APIUserAbortError': async () => {
      const controller = new AbortController();
      const stream = await client.chat.completions.create(
        { ...REQUEST, model: 'mock/slow-stream', stream: true },
        { signal: controller.signal },
      );
      const pieces = [];
      const error = await rejection(
        (async () => {
          for await (const chunk of stream) {
            pieces.push(chunk.choices[0]?.delta.content ?? '');
            if (pieces.length === 1) controller.abort();
          }
        })(),
        'iterating',
      );
      expectInstance(error, APIUserAbortError, 'the error');
      expectEqual(pieces, ['first'], 'chunks before the abort');
    },
    'pre-aborted signal: APIUserAbortError': async () => {
      const signal = AbortSignal.abort();
      expectInstance(await rejection(client.models.list({}, { signal }), 'models.list'), APIUserAbortError, 'list');
      const streamed = client.chat.completions.create({ ...REQUEST, model: 'mock/stream', stream: true }, { signal });
      expectInstance(await rejection(streamed, 'stream'), APIUserAbortError, 'stream');
    },
    PKCE: async () => {
      const pair = await createPkcePair();
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(pair.verifier)) throw new CheckFailed(`bad verifier ${pair.verifier}`);
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pair.verifier));
      expectEqual(pair.challenge, base64Url(digest), 'challenge = base64url(SHA-256(verifier))');
      expectEqual(await createCodeChallenge(pair.verifier), pair.challenge, 'createCodeChallenge');
      const url = new URL(
        buildAuthorizationUrl({ callbackUrl: 'https://app.example/cb', codeChallenge: pair.challenge }),
      );
      expectEqual(url.searchParams.get('code_challenge'), pair.challenge, 'challenge in the authorization URL');
      // The mock hashes the verifier it receives with Node's crypto and puts the result in the key.
      const { key } = await new OpenRouter({ baseURL, apiKey: undefined }).oauth.exchangeAuthCode({
        code: 'code-1',
        code_verifier: pair.verifier,
        code_challenge_method: 'S256',
      });
      expectEqual(key, `sk-or-v1-mock-${pair.challenge}`, 'key from the exchange');
    },
  };
}

/** Where this runs, as far as the runtime lets a script tell. */
export function describeRuntime() {
  const g = globalThis;
  if (g.Deno?.version) return `deno ${g.Deno.version.deno}`;
  if (g.Bun?.version) return `bun ${g.Bun.version}`;
  if (typeof g.EdgeRuntime === 'string') return `edge-runtime (${g.EdgeRuntime})`;
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
  if (g.process?.versions?.node) return `node ${g.process.versions.node}`;
  if (g.navigator?.userAgent) return `browser (${g.navigator.userAgent})`;
  return 'unknown';
}

/** Runs every check, one after the other, and never throws: a failure is a result. */
export async function runChecks(baseURL) {
  const results = [];
  let all;
  try {
    all = checks(baseURL);
  } catch (error) {
    // `new OpenRouter()` itself failed: every check fails with that reason.
    return CHECK_NAMES.map((name) => ({ name, ok: false, detail: `client: ${describe(error)}` }));
  }
  for (const name of CHECK_NAMES) {
    try {
      await all[name]();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, detail: describe(error) });
    }
  }
  return results;
}

function describe(error) {
  if (error instanceof CheckFailed) return error.message;
  if (error instanceof OpenRouterError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? `unexpected ${error.name}: ${error.message}` : `unexpected ${String(error)}`;
}

/** The lines to print: one per check, then `RESULT` and the summary as JSON on one line. */
export function formatReport(results, runtime = describeRuntime()) {
  const lines = results.map((r) => (r.ok ? `PASS ${r.name}` : `FAIL ${r.name}: ${r.detail}`));
  const summary = {
    runtime,
    sdkVersion: VERSION,
    passed: results.filter((r) => r.ok).length,
    failed: results.filter((r) => !r.ok).length,
    checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'pass' : 'fail'])),
  };
  lines.push(`RESULT ${JSON.stringify(summary)}`);
  return lines.join('\n');
}
