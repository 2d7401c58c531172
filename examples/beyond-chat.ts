// Beyond chat: embeddings, a Responses API call, what a generation cost, the credits left, and every
// guardrail across pages, each in a line or two.
import { OpenRouter } from '../src/index';

const client = new OpenRouter({ appTitle: 'openrouter-ts demo' });

const embeddings = await client.embeddings.create({
  model: 'openai/text-embedding-3-small',
  input: 'The quick brown fox',
});
console.log(`embedding: ${embeddings.data.length} vector(s), model ${embeddings.model}`);

const response = await client.responses.create({ model: 'openai/gpt-4o-mini', input: 'Say hello in five words.' });
console.log(`response ${response.id}: ${response.status}, ${response.output.length} output item(s)`);

const { data: generation } = await client.generations.get('gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG');
console.log(`generation ${generation.id}: $${generation.total_cost} on ${generation.provider_name ?? 'unknown'}`);

const { data: credits } = await client.credits.get();
console.log(`credits: ${credits.total_credits - credits.total_usage} of ${credits.total_credits} left`);

let guardrails = 0;
for await (const guardrail of client.guardrails.list({ limit: 100 })) if (guardrail.id) guardrails++;
console.log(`guardrails: ${guardrails}`);

// Any operation by its METHOD /path, typed from the description.
const { data: count } = await client.request('GET /models/count');
console.log(`models: ${count.count}`);
