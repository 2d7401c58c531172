// Gets one model, lists where it is served, and picks the cheapest endpoint.

import { pickEndpoint, sortEndpoints } from '../src/helpers/index';
import { OpenRouter } from '../src/index';

const client = new OpenRouter();
const modelId = 'openai/gpt-4o-mini';
const { data: model } = await client.models.get(modelId);
console.log(`${model.id}: ${model.name}, context ${model.context_length ?? '?'} tokens`);

const { data } = await client.models.endpoints(modelId);
console.log(`${data.endpoints.length} endpoint(s):`);
for (const endpoint of sortEndpoints(data.endpoints, 'price')) {
  console.log(
    `  ${endpoint.provider_name.padEnd(20)} prompt ${endpoint.pricing.prompt}  completion ${endpoint.pricing.completion}  status ${endpoint.status ?? '?'}`,
  );
}
const cheapest = pickEndpoint(data.endpoints, 'price');
console.log(`cheapest: ${cheapest?.provider_name ?? 'none'}`);
