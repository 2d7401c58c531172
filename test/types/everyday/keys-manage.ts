import OpenRouter from '../../../src';

const client = new OpenRouter({ apiKey: process.env.OPENROUTER_PROVISIONING_KEY });

export async function rotate(name: string): Promise<string> {
  const created = await client.keys.create({ name, limit: 10 });
  console.log('new key hash', created.data.hash);
  const { data } = await client.keys.list();
  for (const key of data) {
    if (key.name === name && key.hash !== created.data.hash) await client.keys.delete(key.hash);
  }
  return created.key;
}
