// Errors are typed: one class per status, with the API's code, message and metadata.
import { APIError, NotFoundError, OpenRouter, OpenRouterError } from '../src/index';

const client = new OpenRouter();
// Against the mock server, `Prefer: code=404` asks it for its 404 answer.
const mock = process.env.OPENROUTER_DEMO_MOCK === '1';
try {
  await client.models.get('no-such-author/no-such-model', mock ? { headers: { Prefer: 'code=404' } } : undefined);
} catch (error) {
  if (error instanceof NotFoundError) console.log(`NotFoundError: status ${error.status}, message "${error.message}"`);
  else if (error instanceof APIError) console.log(`${error.name}: ${error.status} ${error.message}`);
  else throw error;
}
try {
  await client.models.endpoints('gpt-4'); // not author/slug: refused before any request
} catch (error) {
  if (error instanceof OpenRouterError) console.log(`OpenRouterError: ${error.message}`);
  else throw error;
}
