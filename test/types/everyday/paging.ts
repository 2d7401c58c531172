import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function allModelIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const model of client.models.list()) ids.push(model.id);
  return ids;
}

export async function keyNames(): Promise<string[]> {
  const { data } = await client.keys.list();
  return data.map((key) => `${key.name}: ${key.usage}`);
}
