import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function cheapest(): Promise<string | undefined> {
  const { data } = await client.models.list();
  const priced = data
    .map((model) => ({ id: model.id, prompt: parseFloat(model.pricing.prompt) }))
    .filter((m) => m.prompt >= 0)
    .sort((a, b) => a.prompt - b.prompt);
  return priced[0]?.id;
}

export async function contextOf(id: string): Promise<number | null> {
  const models = await client.models.list();
  const model = models.data.find((m) => m.id === id);
  if (!model) return null;
  console.log(model.name, model.architecture.input_modalities.join(','), Number(model.pricing.completion) * 1e6);
  return model.context_length;
}

export async function endpointPrices(id: string): Promise<string[]> {
  const { data } = await client.models.endpoints(id);
  return data.endpoints.map((e) => `${e.provider_name}: ${e.pricing.prompt}`);
}
