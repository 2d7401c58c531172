// What a 429 says: which limit was hit, whose it is, when it resets. A daily free-model quota is not
// retried (its reset is hours away); a per-minute limit is retried after its reset. And the
// provider's own error inside an OpenRouter error, parsed.
import { APIError, OpenRouter, RateLimitError } from '../src/index';

const mock = process.env.OPENROUTER_DEMO_MOCK === '1';
// Against the mock, the first two calls get answers shaped like the live API's: a used-up daily
// quota, then a provider's 400 whose `raw` is the provider's JSON.
const midnight = new Date().setUTCHours(24, 0, 0, 0);
const recorded = [
  Response.json(
    {
      error: {
        code: 429,
        message: 'Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day',
        metadata: {
          headers: { 'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(midnight) },
          provider_name: null,
        },
      },
    },
    { status: 429 },
  ),
  Response.json(
    {
      error: {
        code: 400,
        message: 'Provider returned error',
        metadata: {
          provider_name: 'Azure',
          raw: JSON.stringify({ error: { message: "response_format 'answer' is not a valid JSON schema", code: 400 } }),
        },
      },
    },
    { status: 400 },
  ),
];
const client = new OpenRouter({
  maxRetries: 2,
  fetch: (input, init) =>
    mock && recorded.length > 0 ? Promise.resolve(recorded.shift() as Response) : fetch(input, init),
});

for (const model of ['meta-llama/llama-3.3-70b-instruct:free', 'openai/gpt-4o-mini']) {
  try {
    const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] });
    console.log(`${model}: answered (${completion.choices[0]?.message.content?.slice(0, 40)})`);
  } catch (error) {
    if (error instanceof RateLimitError) {
      const { source, name, limit, remaining, resetAt } = error.rateLimit;
      console.log(`${model}: ${source}'s limit ${name} (${remaining}/${limit} left), resets ${resetAt?.toISOString()}`);
      console.log(`  ${error.attempts} attempt(s): a reset beyond maxRetryWait (60 s by default) is not retried`);
    } else if (error instanceof APIError && error.provider) {
      const { name, status, message } = error.provider;
      console.log(`${model}: ${error.status} from ${name}${status ? ` (its status ${status})` : ''}: ${message}`);
    } else {
      throw error;
    }
  }
}
