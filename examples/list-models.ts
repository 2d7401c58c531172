// Lists the models and shows the cheapest ones, with prices as numbers.

import { parsePrice } from '../src/helpers/index';
import { OpenRouter } from '../src/index';

const client = new OpenRouter({ appTitle: 'openrouter-ts demo' });
const { data: models } = await client.models.list();
console.log(`${models.length} models`);

const perMillion = (price: string | number | undefined) => {
  const perToken = parsePrice(price);
  return perToken === undefined ? 'variable' : `$${(perToken * 1e6).toFixed(2)}/M`;
};
const priced = models
  .filter((model) => parsePrice(model.pricing.prompt) !== undefined)
  .sort((a, b) => (parsePrice(a.pricing.prompt) ?? 0) - (parsePrice(b.pricing.prompt) ?? 0));
for (const model of priced.slice(0, 5)) {
  console.log(
    `  ${model.id.padEnd(40)} in ${perMillion(model.pricing.prompt)}  out ${perMillion(model.pricing.completion)}  context ${model.context_length ?? '?'}`,
  );
}
