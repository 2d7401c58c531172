// "No endpoints found that support tool use": which parameters of a request no endpoint of the
// model supports, which endpoints take the rest, and what the 404 itself says about the request.
import { explainEndpointSupport } from '../src/helpers/index';
import { NotFoundError, OpenRouter } from '../src/index';

const mock = process.env.OPENROUTER_DEMO_MOCK === '1';
const model = 'openai/gpt-4o-mini';
const request = {
  model,
  messages: [{ role: 'user' as const, content: 'What is the weather in Paris?' }],
  tools: [{ type: 'function' as const, function: { name: 'weather', parameters: { type: 'object' } } }],
  top_logprobs: 3,
  logprobs: true,
};

const client = new OpenRouter({
  // Against the mock, the chat request gets the 404 the live API gives when no endpoint fits.
  fetch: (input, init) =>
    mock && String(input).endsWith('/chat/completions')
      ? Promise.resolve(
          Response.json(
            { error: { code: 404, message: 'No endpoints found that support tool use.' } },
            { status: 404 },
          ),
        )
      : fetch(input, init),
});

const { data } = await client.models.endpoints(model);
const support = explainEndpointSupport(request, data);
console.log(`asks for: ${support.requested.join(', ')}`);
console.log(`no endpoint supports: ${support.unsupported.join(', ') || 'nothing: all are supported somewhere'}`);
console.log(`endpoints that support the rest: ${support.endpoints.map((e) => e.provider_name).join(', ') || 'none'}`);

try {
  await client.chat.completions.create(request);
  console.log('the request found an endpoint');
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.log(`NotFoundError: ${error.message}`);
  console.log(`  the fields asking for ${error.noEndpoints?.feature}: ${error.noEndpoints?.parameters.join(', ')}`);
}
