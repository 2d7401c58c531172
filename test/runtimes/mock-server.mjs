// The canned OpenRouter the runtime checks (checks.mjs) talk to: a node:http server on a free port of
// 127.0.0.1, one answer per path or model, so every runtime sees exactly the same server. Each run
// uses its own ids in the paths it hits (the 429-then-200 model), so runs may share one server.
// It can also serve static files (the browser page and its bundle), from the same origin as the API.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const HOST = '127.0.0.1';
const PREFIX = '/api/v1';

const MODEL = {
  id: 'mock/chat',
  canonical_slug: 'mock/chat',
  name: 'Mock: Chat',
  created: 1700000000,
  description: 'A model of the mock server',
  context_length: 8192,
  architecture: { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'], tokenizer: 'Other' },
  pricing: { prompt: '0.000001', completion: '0.000002' },
  top_provider: { context_length: 8192, max_completion_tokens: 1024, is_moderated: false },
  per_request_limits: null,
  supported_parameters: ['temperature'],
};

const ENDPOINTS = {
  data: {
    id: 'openai/gpt-4o',
    name: 'OpenAI: GPT-4o',
    created: 1700000000,
    description: 'Endpoints of the mock model',
    architecture: MODEL.architecture,
    endpoints: [
      {
        name: 'OpenAI | openai/gpt-4o',
        model_name: 'GPT-4o',
        context_length: 128000,
        pricing: { prompt: '0.0000025', completion: '0.00001' },
        provider_name: 'OpenAI',
        tag: 'openai',
        quantization: 'unknown',
        max_completion_tokens: 16384,
        max_prompt_tokens: null,
        supported_parameters: ['temperature'],
        status: 0,
        uptime_last_30m: 99.5,
        supports_implicit_caching: true,
      },
    ],
  },
};

const COMPLETION = {
  id: 'gen-mock-1',
  object: 'chat.completion',
  created: 1700000000,
  model: 'mock/chat',
  provider: 'Mock',
  choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hello from the mock.' } }],
  usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
};

const chunk = (content, extra = {}) => ({
  id: 'gen-mock-2',
  object: 'chat.completion.chunk',
  created: 1700000000,
  model: 'mock/stream',
  choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }],
  ...extra,
});
const event = (value) => `data: ${JSON.stringify(value)}\n\n`;
const sha256Base64Url = (text) => createHash('sha256').update(text).digest('base64url');

function sendJson(response, status, body, headers = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

const apiError = (code, message) => ({ error: { code, message } });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function startEventStream(response) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.flushHeaders();
}

async function readBody(request) {
  const chunks = [];
  for await (const piece of request) chunks.push(piece);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/**
 * Starts the server. `files` maps URL paths (outside /api/v1) to [content type, body].
 * @param {{ files?: Record<string, [string, string | Uint8Array]> }} [options]
 * @returns {Promise<{ origin: string, baseURL: string, requests: { method: string, path: string }[], setFiles: (files: Record<string, [string, string | Uint8Array]>) => void, close: () => Promise<void> }>}
 */
export async function startMockServer(options = {}) {
  let files = options.files ?? {};
  const attemptsByPath = new Map();
  const requests = [];

  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', `http://${HOST}`);
    requests.push({ method: request.method ?? '', path: pathname });
    try {
      if (!pathname.startsWith(PREFIX)) {
        const file = files[pathname];
        if (request.method === 'GET' && file) {
          response.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
        } else {
          response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        }
        return;
      }
      const path = pathname.slice(PREFIX.length);
      const attempt = (attemptsByPath.get(path) ?? 0) + 1;
      attemptsByPath.set(path, attempt);
      await answer(request, response, path, attempt);
    } catch (error) {
      if (!response.headersSent) sendJson(response, 500, apiError(500, `mock server: ${error.message}`));
      else response.destroy();
    }
  });

  async function answer(request, response, path, attempt) {
    const unauthorized = path !== '/auth/keys' && !/^Bearer \S+$/.test(request.headers.authorization ?? '');
    if (unauthorized) return sendJson(response, 401, apiError(401, 'No auth credentials found'));
    if (request.method === 'GET' && path === '/models') return sendJson(response, 200, { data: [MODEL] });
    if (request.method === 'GET' && path === '/models/openai/gpt-4o/endpoints') {
      return sendJson(response, 200, ENDPOINTS);
    }
    // 429 on the first attempt at each such path, then the model: the client must retry.
    const rateLimited = /^\/model\/mock\/(rate-limited-[\w-]+)$/.exec(path);
    if (request.method === 'GET' && rateLimited) {
      if (attempt === 1) {
        return sendJson(response, 429, apiError(429, 'Rate limit exceeded'), { 'retry-after-ms': '10' });
      }
      return sendJson(response, 200, { data: { ...MODEL, id: `mock/${rateLimited[1]}`, attempt } });
    }
    if (request.method === 'GET' && path === '/model/mock/missing') {
      return sendJson(response, 404, apiError(404, 'Model mock/missing not found'));
    }
    // Never answers: the client's timeout must fire. The socket is freed when the client leaves.
    if (request.method === 'GET' && path === '/model/mock/stall') {
      await new Promise((resolve) => response.once('close', resolve));
      return;
    }
    if (request.method === 'POST' && path === '/auth/keys') {
      const body = await readBody(request);
      if (typeof body?.code_verifier !== 'string') return sendJson(response, 400, apiError(400, 'no code_verifier'));
      // The key names the challenge of the verifier it was given, hashed here by Node's own crypto.
      return sendJson(response, 200, {
        key: `sk-or-v1-mock-${sha256Base64Url(body.code_verifier)}`,
        user_id: 'user-1',
      });
    }
    if (request.method === 'POST' && path === '/chat/completions') return chat(request, response);
    return sendJson(response, 404, apiError(404, `mock server has no ${request.method} ${path}`));
  }

  async function chat(request, response) {
    const body = await readBody(request);
    const model = body?.model;
    if (!body?.stream) {
      if (model === 'mock/chat') return sendJson(response, 200, COMPLETION);
      return sendJson(response, 400, apiError(400, `mock server: no JSON answer for ${model}`));
    }
    if (model === 'mock/stream') {
      startEventStream(response);
      response.write(': OPENROUTER PROCESSING\n\n');
      response.write(event(chunk('Hel')));
      response.write(': OPENROUTER PROCESSING\n\n');
      response.write(event(chunk('lo')));
      response.write(
        event({
          ...chunk('!'),
          choices: [{ index: 0, delta: { content: '!' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 },
        }),
      );
      response.end('data: [DONE]\n\n');
      return;
    }
    if (model === 'mock/stream-error') {
      startEventStream(response);
      response.write(event(chunk('partial')));
      response.write(event({ ...chunk(''), error: { code: 502, message: 'Provider returned error' }, choices: [] }));
      response.end('data: [DONE]\n\n');
      return;
    }
    if (model === 'mock/slow-stream') {
      // One chunk now, then one every 200 ms for a minute, unless the client goes away first.
      startEventStream(response);
      response.write(event(chunk('first')));
      let closed = false;
      response.once('close', () => {
        closed = true;
      });
      for (let i = 0; i < 300 && !closed; i++) {
        await sleep(200);
        if (!closed) response.write(event(chunk(` ${i}`)));
      }
      if (!closed) response.end('data: [DONE]\n\n');
      return;
    }
    return sendJson(response, 400, apiError(400, `mock server: no stream for ${model}`));
  }

  await new Promise((resolve) => server.listen(0, HOST, resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('mock server has no port');
  const origin = `http://${HOST}:${address.port}`;
  return {
    origin,
    baseURL: `${origin}${PREFIX}`,
    requests,
    setFiles(next) {
      files = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// `node test/runtimes/mock-server.mjs`: runs it by itself, for trying a runtime by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const mock = await startMockServer();
  console.log(mock.baseURL);
}
