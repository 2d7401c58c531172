// The stats of a generation just made: GET /generation answers 404 for a few seconds after a
// generation ends, and waitForGeneration() asks again until they are written. Also: the request
// and generation ids of a call without reading headers, and the raw answer with asResponse().
import { OpenRouter } from '../src/index';

const mock = process.env.OPENROUTER_DEMO_MOCK === '1';
// Against the mock, the first GET /generation answers 404 as the live API does right after a generation.
let notYet = mock ? 1 : 0;
const fetchLikeTheLiveApi: typeof fetch = (input, init) => {
  if (!String(input).includes('/generation?') || notYet-- <= 0) return fetch(input, init);
  console.log('GET /generation: 404 (the stats are not written yet), asked again');
  return Promise.resolve(Response.json({ error: { code: 404, message: 'Generation not found' } }, { status: 404 }));
};

const client = new OpenRouter({ fetch: fetchLikeTheLiveApi });
const request = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hi.' }] };

const { data: completion, requestId, generationId } = await client.chat.completions.create(request).withResponse();
console.log(`generation ${generationId}, request id ${requestId ?? '(none sent)'}`);

const { data: stats } = await client.waitForGeneration(completion, { waitTimeout: 20_000 });
console.log(
  `stats: ${stats.model} on ${stats.provider_name}, $${stats.total_cost}, ${stats.tokens_prompt}+${stats.tokens_completion} tokens`,
);

// The answer as it came, unread: to forward it from a server route, or to read it your own way.
const response = await client.chat.completions.create(request).asResponse();
console.log(
  `asResponse(): ${response.status} ${response.headers.get('content-type')}, ${(await response.text()).length} bytes`,
);
