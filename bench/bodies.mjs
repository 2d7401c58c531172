// Synthesized response bodies with the shape of what OpenRouter really sends (field names, nulls,
// decimal-string prices, unknown extra fields, keep-alive comments), generated from a fixed seed
// so every run serves the same bytes. No captured data is copied here.

/** A small deterministic PRNG (mulberry32): same seed, same bodies. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AUTHORS = [
  'openai',
  'anthropic',
  'google',
  'meta-llama',
  'mistralai',
  'deepseek',
  'qwen',
  'x-ai',
  'cohere',
  'nousresearch',
  'microsoft',
  'amazon',
  'perplexity',
  'moonshotai',
  'z-ai',
  'minimax',
  'nvidia',
];
const FAMILIES = [
  'gpt',
  'claude',
  'gemini',
  'llama',
  'mistral',
  'deepseek',
  'qwen',
  'grok',
  'command',
  'hermes',
  'phi',
];
const SIZES = ['mini', 'small', 'medium', 'large', 'pro', 'flash', 'turbo', 'lite', 'instruct', 'chat', 'coder', 'vl'];
const TOKENIZERS = ['GPT', 'Claude', 'Gemini', 'Llama3', 'Mistral', 'DeepSeek', 'Qwen', 'Grok', 'Other'];
const PARAMS = [
  'frequency_penalty',
  'include_reasoning',
  'logit_bias',
  'logprobs',
  'max_tokens',
  'min_p',
  'presence_penalty',
  'reasoning',
  'repetition_penalty',
  'response_format',
  'seed',
  'stop',
  'structured_outputs',
  'temperature',
  'tool_choice',
  'tools',
  'top_a',
  'top_k',
  'top_logprobs',
  'top_p',
  'web_search_options',
];
const PROVIDERS = [
  'OpenAI',
  'Anthropic',
  'Google',
  'Google AI Studio',
  'Amazon Bedrock',
  'Azure',
  'Together',
  'Fireworks',
  'DeepInfra',
  'Novita',
  'Chutes',
  'SiliconFlow',
  'Parasail',
  'Lambda',
  'Groq',
  'Cerebras',
];
const WORDS = (
  'the model streams its answer one token at a time so that a user sees text appear while it is still being ' +
  'generated and every chunk carries the same identifiers along with a small delta of content which the client ' +
  'must decode parse and merge into the final message before it can report usage and the finish reason'
).split(' ');
const LOREM =
  'A large language model tuned for instruction following, tool use and long-context reasoning. It supports ' +
  'structured outputs and function calling, performs well on coding and agentic benchmarks, and offers a ' +
  'balance of latency and quality suited to production chat workloads. ';

const pick = (r, list) => list[Math.floor(r() * list.length)];
const price = (r, scale) => String(Number((r() * scale).toPrecision(2)));
const someOf = (r, list, min) => list.filter((_, i) => i < min || r() < 0.55);

function model(r, i) {
  const author = pick(r, AUTHORS);
  const slug = `${pick(r, FAMILIES)}-${1 + Math.floor(r() * 5)}.${Math.floor(r() * 10)}-${pick(r, SIZES)}-${i}`;
  const id = `${author}/${slug}`;
  const image = r() < 0.4;
  const context = pick(r, [8192, 32768, 65536, 128000, 131072, 200000, 262144, 1048576]);
  return {
    id,
    canonical_slug: `${id}-2025${String(1 + Math.floor(r() * 12)).padStart(2, '0')}`,
    hugging_face_id: r() < 0.5 ? `${author}/${slug}` : '',
    name: `${author}: ${slug.replace(/-/g, ' ')}`,
    created: 1_700_000_000 + Math.floor(r() * 60_000_000),
    description: LOREM.repeat(1 + Math.floor(r() * 3)).trim(),
    context_length: context,
    architecture: {
      modality: image ? 'text+image->text' : 'text->text',
      input_modalities: image ? ['text', 'image'] : ['text'],
      output_modalities: ['text'],
      tokenizer: pick(r, TOKENIZERS),
      instruct_type: r() < 0.7 ? null : 'chatml',
    },
    pricing: {
      prompt: price(r, 0.00001),
      completion: price(r, 0.00004),
      request: '0',
      image: image ? price(r, 0.005) : '0',
      web_search: '0',
      internal_reasoning: '0',
      ...(r() < 0.4 ? { input_cache_read: price(r, 0.000001), input_cache_write: price(r, 0.00001) } : {}),
    },
    top_provider: {
      context_length: r() < 0.9 ? context : null,
      max_completion_tokens: r() < 0.6 ? pick(r, [4096, 8192, 16384, 32768, 65536]) : null,
      is_moderated: r() < 0.3,
    },
    per_request_limits: null,
    supported_parameters: someOf(r, PARAMS, 4),
    default_parameters: r() < 0.3 ? {} : { temperature: r() < 0.5 ? null : 0.7, top_p: null, frequency_penalty: null },
    supported_voices: null,
    knowledge_cutoff: r() < 0.5 ? null : '2025-01-31',
    expiration_date: null,
    links: { details: `/api/v1/models/${id}/endpoints` },
  };
}

/** GET /models: `count` models, about 1.3 KB each (the real list is ~350 models, ~470 KB), with the
 * `links` and `total_count` the current API adds. */
export function modelsBody(count = 350) {
  const r = rng(350);
  return JSON.stringify({
    data: Array.from({ length: count }, (_, i) => model(r, i)),
    links: { next: null },
    total_count: count,
  });
}

const stats = (r, base) => {
  const p50 = Number((base * (0.5 + r())).toFixed(1));
  return {
    p50,
    p75: Number((p50 * 1.3).toFixed(1)),
    p90: Number((p50 * 1.7).toFixed(1)),
    p99: Number((p50 * 3).toFixed(1)),
  };
};

/** GET /models/{author}/{slug}/endpoints with `count` endpoints. */
export function endpointsBody(count = 8) {
  const r = rng(8);
  const id = 'deepseek/deepseek-chat-v3.1';
  const name = 'DeepSeek: DeepSeek V3.1';
  return JSON.stringify({
    data: {
      id,
      name,
      created: 1755779628,
      description: LOREM.repeat(3).trim(),
      architecture: {
        modality: 'text->text',
        input_modalities: ['text'],
        output_modalities: ['text'],
        tokenizer: 'DeepSeek',
        instruct_type: 'deepseek-v3.1',
      },
      endpoints: Array.from({ length: count }, (_, i) => {
        const provider = PROVIDERS[i % PROVIDERS.length];
        return {
          name: `${provider} | ${id}`,
          model_id: id,
          model_name: name,
          context_length: pick(r, [131072, 163840]),
          pricing: {
            prompt: price(r, 0.000001),
            completion: price(r, 0.000003),
            request: '0',
            image: '0',
            image_output: '0',
            web_search: '0',
            internal_reasoning: '0',
            discount: 0,
          },
          provider_name: provider,
          tag: provider.toLowerCase().replace(/\s+/g, '-'),
          quantization: r() < 0.5 ? null : pick(r, ['fp8', 'fp4', 'bf16']),
          max_completion_tokens: r() < 0.5 ? null : 131072,
          max_prompt_tokens: null,
          supported_parameters: someOf(r, PARAMS, 6),
          status: 0,
          uptime_last_30m: r() < 0.2 ? null : 99 + r(),
          uptime_last_5m: r() < 0.2 ? null : 99 + r(),
          uptime_last_1d: 99 + r(),
          supports_implicit_caching: r() < 0.5,
          supports_tool_choice: { auto: true, none: true, required: r() < 0.7, function: r() < 0.7 },
          latency_last_30m: stats(r, 600),
          throughput_last_30m: stats(r, 40),
        };
      }),
    },
  });
}

const CHAT_ID = 'gen-1765226419-AGrwjunAftQIAgweibL8';
const CHAT_MODEL = 'deepseek/deepseek-chat-v3.1';

/** POST /chat/completions, not streamed: a ~250-word answer with usage. */
export function chatBody() {
  const r = rng(1);
  const content = Array.from({ length: 250 }, () => pick(r, WORDS)).join(' ');
  return JSON.stringify({
    id: CHAT_ID,
    provider: 'Chutes',
    model: CHAT_MODEL,
    object: 'chat.completion',
    created: 1765226419,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        logprobs: null,
        finish_reason: 'stop',
        native_finish_reason: 'stop',
        message: { role: 'assistant', content, refusal: null, reasoning: null },
      },
    ],
    usage: {
      prompt_tokens: 42,
      completion_tokens: 310,
      total_tokens: 352,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
  });
}

const KEEP_ALIVE = ': OPENROUTER PROCESSING\n\n';
const chunkEvent = (delta, finish, extra = '') =>
  `data: {"id":"${CHAT_ID}","provider":"Chutes","model":"${CHAT_MODEL}","object":"chat.completion.chunk","created":1765226419,"choices":[{"index":0,"delta":${JSON.stringify(delta)},"finish_reason":${finish},"native_finish_reason":${finish},"logprobs":null}]${extra}}\n\n`;

/**
 * A 1,000-event block of content chunks (one word each) with a keep-alive comment every 50 events,
 * pre-rendered once: a long stream is this block repeated, so the server spends almost nothing on it.
 */
function contentBlock() {
  const r = rng(2);
  let text = '';
  for (let i = 0; i < 1000; i++) {
    if (i % 50 === 25) text += KEEP_ALIVE;
    text += chunkEvent({ role: 'assistant', content: `${pick(r, WORDS)} ` }, 'null');
  }
  return Buffer.from(text);
}

/** The SSE answer to a streamed chat request of `n` chunks, as a list of Buffers to write in order. */
export function streamParts(n) {
  const block = contentBlock();
  const head = Buffer.from(`${KEEP_ALIVE}${KEEP_ALIVE}${chunkEvent({ role: 'assistant', content: '' }, 'null')}`);
  const usage = `,"usage":{"prompt_tokens":42,"completion_tokens":${n},"total_tokens":${n + 42}}`;
  const tail = Buffer.from(`${chunkEvent({ role: 'assistant', content: '' }, '"stop"', usage)}data: [DONE]\n\n`);
  // head and tail are 2 chunks; the rest are content chunks from the block.
  const middle = Math.max(0, n - 2);
  const parts = [head];
  for (let i = 0; i < Math.floor(middle / 1000); i++) parts.push(block);
  const rest = middle % 1000;
  if (rest > 0) {
    const text = block.toString();
    let end = 0;
    for (let seen = 0; seen < rest; seen++) end = text.indexOf('\n\n', text.indexOf('data:', end)) + 2;
    parts.push(Buffer.from(text.slice(0, end)));
  }
  parts.push(tail);
  return parts;
}

const RESPONSE_ID = 'gen-1765226419-resp0bench0000000000';
const MESSAGE_ID = 'msg_tmp_bench0000000';
/** The Responses API's response object (what `response.created` and `response.completed` carry). */
const responseObject = (status, text, n) => ({
  id: RESPONSE_ID,
  object: 'response',
  created_at: 1765226419,
  model: CHAT_MODEL,
  status,
  completed_at: status === 'completed' ? 1765226420 : null,
  output:
    status === 'completed'
      ? [
          {
            id: MESSAGE_ID,
            type: 'message',
            status: 'completed',
            role: 'assistant',
            content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
          },
        ]
      : [],
  error: null,
  incomplete_details: null,
  tools: [],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  max_output_tokens: null,
  temperature: 0.7,
  top_p: 1,
  presence_penalty: 0,
  frequency_penalty: 0,
  top_logprobs: 0,
  max_tool_calls: null,
  metadata: {},
  background: false,
  previous_response_id: null,
  service_tier: 'auto',
  truncation: 'disabled',
  store: false,
  instructions: null,
  text: { format: { type: 'text' } },
  reasoning: null,
  safety_identifier: null,
  prompt_cache_key: null,
  usage:
    status === 'completed'
      ? {
          input_tokens: 42,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: n,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: n + 42,
          cost: 0.000036,
          is_byok: false,
        }
      : null,
});

/**
 * The SSE answer to a streamed Responses API request of `n` events, shaped like the recorded real
 * answers (only `data:` lines, no `event:` names, `[DONE]` at the end): `response.created`, n - 2
 * `response.output_text.delta` events of one word each (a keep-alive comment every 50), and
 * `response.completed` with the whole text. One Buffer; the server keeps it for n ≤ 10,000.
 */
export function responsesStreamParts(n) {
  const r = rng(3);
  const deltas = Math.max(0, n - 2);
  let sequence = 0;
  const event = (fields) => `data: ${JSON.stringify({ ...fields, sequence_number: sequence++ })}\n\n`;
  let body = `: \n\n${event({ type: 'response.created', response: responseObject('in_progress', '', 0) })}`;
  let text = '';
  for (let i = 0; i < deltas; i++) {
    if (i % 50 === 25) body += KEEP_ALIVE;
    const delta = `${pick(r, WORDS)} `;
    text += delta;
    body += event({
      type: 'response.output_text.delta',
      output_index: 0,
      item_id: MESSAGE_ID,
      content_index: 0,
      delta,
      logprobs: [],
    });
  }
  body += event({ type: 'response.completed', response: responseObject('completed', text, deltas) });
  return [Buffer.from(`${body}data: [DONE]\n\n`)];
}
