import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function describeModel(id: string): Promise<string> {
  const { data: model } = await client.models.get(id);
  const perMillion = Number(model.pricing.prompt) * 1_000_000;
  return `${model.name}: ${model.context_length ?? '?'} tokens, $${perMillion.toFixed(2)}/M input, ${model.supported_parameters.join(', ')}`;
}

export async function providers(): Promise<string[]> {
  const { data } = await client.providers.list();
  return data.map((provider) => provider.name);
}
