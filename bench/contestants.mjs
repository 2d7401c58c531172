// The four clients under test, each reduced to the same operations. Every operation returns a
// number derived from the parsed answer (so no client can skip work) and is checked once before
// measuring. An operation a client has no equivalent for is `undefined`: its cell prints "n/a".
import { pathToFileURL } from 'node:url';

export const NAMES = ['raw fetch', 'openrouter-ts', '@openrouter/sdk', 'openai'];

const API_KEY = 'sk-or-v1-bench0000000000000000000000000000000000000000000000000000000000';
const MODEL = 'deepseek/deepseek-chat-v3.1';
const MESSAGES = [
  { role: 'system', content: 'You are a concise assistant.' },
  { role: 'user', content: 'Explain in a paragraph why streaming responses feel faster to users.' },
];
const chatRequest = (stream, chunks) => ({
  model: MODEL,
  messages: MESSAGES,
  temperature: 0.7,
  ...(stream ? { stream: true, max_tokens: chunks } : {}),
});
const contentLength = (chunk) => chunk.choices[0]?.delta?.content?.length ?? 0;
/** A streamed Responses API request of `events` events (the server reads `max_output_tokens`). */
const responsesRequest = (events) => ({
  model: MODEL,
  input: MESSAGES[1].content,
  instructions: MESSAGES[0].content,
  temperature: 0.7,
  stream: true,
  max_output_tokens: events,
});
const deltaLength = (event) => (event.type === 'response.output_text.delta' ? event.delta.length : 0);

/** Counts the items of an async iterable (and their text, so none is skipped); `onItem` sees the count. */
async function countItems(items, textLength, onItem) {
  let count = 0;
  let chars = 0;
  for await (const item of items) {
    count++;
    chars += textLength(item);
    onItem?.(count);
  }
  return count + chars * 0;
}

/**
 * The minimal hand-written consumer a careful user would write instead of an SDK: events split at
 * blank lines, `data: ` lines parsed, comments and `[DONE]` skipped, the body read to its end (so
 * the connection can be reused).
 */
async function rawSse(body, onData) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (event.startsWith('data: ') && event !== 'data: [DONE]') onData(JSON.parse(event.slice(6)));
      end = buffer.indexOf('\n\n');
    }
  }
}

function raw(baseURL) {
  const headers = { Authorization: `Bearer ${API_KEY}`, Accept: 'application/json' };
  const post = (stream, n) =>
    fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', ...(stream ? { Accept: 'text/event-stream' } : {}) },
      body: JSON.stringify(chatRequest(stream, n)),
    });
  const getJson = async (path) => {
    const res = await fetch(`${baseURL}${path}`, { headers });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res.json();
  };
  return {
    models: async () => (await getJson('/models')).data.length,
    endpoints: async () => (await getJson(`/models/${MODEL}/endpoints`)).data.endpoints.length,
    chat: async () => {
      const res = await post(false);
      if (!res.ok) throw new Error(`chat: ${res.status}`);
      return (await res.json()).choices[0].message.content.length;
    },
    stream: async (n, onChunk) => {
      const res = await post(true, n);
      if (!res.ok) throw new Error(`stream: ${res.status}`);
      let count = 0;
      let chars = 0;
      await rawSse(res.body, (chunk) => {
        count++;
        chars += contentLength(chunk);
        onChunk?.(count);
      });
      return count + chars * 0;
    },
    responsesStream: async (n, onEvent) => {
      const res = await fetch(`${baseURL}/responses`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify(responsesRequest(n)),
      });
      if (!res.ok) throw new Error(`responses stream: ${res.status}`);
      let count = 0;
      let chars = 0;
      await rawSse(res.body, (event) => {
        count++;
        chars += deltaLength(event);
        onEvent?.(count);
      });
      return count + chars * 0;
    },
  };
}

/**
 * How openrouter-ts streams a Responses API request: `client.responses.create({ stream: true })`
 * when the client has it, else the same request through `fetch` read by the public `Stream` (the
 * SDK's SSE parser and in-stream error checks, without its transport). `responsesVia` says which.
 */
export const responsesVia = (client) =>
  typeof client.responses?.create === 'function' ? 'client.responses.create' : 'fetch + Stream';

function openrouterTs(baseURL, { OpenRouter, Stream }) {
  const client = new OpenRouter({ apiKey: API_KEY, baseURL });
  return {
    models: async () => (await client.models.list()).data.length,
    endpoints: async () => (await client.models.endpoints(MODEL)).data.endpoints.length,
    chat: async () => (await client.chat.completions.create(chatRequest(false))).choices[0].message.content.length,
    stream: async (n, onChunk) => {
      const stream = await client.chat.completions.create(chatRequest(true, n));
      let count = 0;
      let chars = 0;
      for await (const chunk of stream) {
        count++;
        chars += contentLength(chunk);
        onChunk?.(count);
      }
      return count + chars * 0;
    },
    responsesStream:
      responsesVia(client) === 'client.responses.create'
        ? async (n, onEvent) => countItems(await client.responses.create(responsesRequest(n)), deltaLength, onEvent)
        : async (n, onEvent) => {
            const controller = new AbortController();
            const res = await fetch(`${baseURL}/responses`, {
              method: 'POST',
              headers: {
                Authorization: `Bearer ${API_KEY}`,
                'Content-Type': 'application/json',
                Accept: 'text/event-stream',
              },
              body: JSON.stringify(responsesRequest(n)),
              signal: controller.signal,
            });
            if (!res.ok) throw new Error(`responses stream: ${res.status}`);
            return countItems(new Stream(res, controller), deltaLength, onEvent);
          },
    responsesVia: responsesVia(client),
  };
}

/** The same request in @openrouter/sdk's camelCase models (it drops keys it does not know). */
const camelCaseRequest = (stream, chunks) => {
  const { max_tokens: maxTokens, ...rest } = chatRequest(stream, chunks);
  return maxTokens === undefined ? rest : { ...rest, maxTokens };
};

function openrouterSdk(baseURL, { OpenRouter }) {
  const client = new OpenRouter({ apiKey: API_KEY, serverURL: baseURL });
  const [author, slug] = MODEL.split('/');
  return {
    // A page iterator; its first page is the whole list here (`links.next` is null).
    models: async () => (await client.models.list()).result.data.length,
    endpoints: async () => (await client.endpoints.list({ author, slug })).data.endpoints.length,
    chat: async () =>
      (await client.chat.send({ chatRequest: camelCaseRequest(false) })).choices[0].message.content.length,
    stream: async (n, onChunk) => {
      const stream = await client.chat.send({ chatRequest: camelCaseRequest(true, n) });
      let count = 0;
      let chars = 0;
      for await (const chunk of stream) {
        count++;
        chars += contentLength(chunk);
        onChunk?.(count);
      }
      return count + chars * 0;
    },
    responsesStream: async (n, onEvent) => {
      const { max_output_tokens: maxOutputTokens, ...rest } = responsesRequest(n);
      const stream = await client.responses.send({ responsesRequest: { ...rest, maxOutputTokens } });
      return countItems(stream, deltaLength, onEvent);
    },
  };
}

function openai(baseURL, { default: OpenAI }) {
  const client = new OpenAI({ apiKey: API_KEY, baseURL });
  return {
    models: async () => (await client.models.list()).data.length,
    endpoints: undefined, // no equivalent: the OpenAI API has no per-model endpoints list
    chat: async () => (await client.chat.completions.create(chatRequest(false))).choices[0].message.content.length,
    stream: async (n, onChunk) => {
      const stream = await client.chat.completions.create(chatRequest(true, n));
      let count = 0;
      let chars = 0;
      for await (const chunk of stream) {
        count++;
        chars += contentLength(chunk);
        onChunk?.(count);
      }
      return count + chars * 0;
    },
    responsesStream: async (n, onEvent) =>
      countItems(await client.responses.create(responsesRequest(n)), deltaLength, onEvent),
  };
}

/** Loads one contestant by name; `sdkBundle` is the esbuild bundle of this repository's src/index.ts. */
export async function load(name, baseURL, sdkBundle) {
  switch (name) {
    case 'raw fetch':
      return raw(baseURL);
    case 'openrouter-ts':
      return openrouterTs(baseURL, await import(pathToFileURL(sdkBundle).href));
    case '@openrouter/sdk':
      return openrouterSdk(baseURL, await import('@openrouter/sdk'));
    case 'openai':
      return openai(baseURL, await import('openai'));
    default:
      throw new Error(`unknown contestant ${name}`);
  }
}

export const EXPECTED = { models: 350, endpoints: 8 };
