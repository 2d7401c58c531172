import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function budget(): Promise<number | null> {
  const { data } = await client.keys.current();
  console.log(data.label, data.usage, data.is_free_tier);
  const credits = await client.credits.get();
  console.log(credits.data.total_credits - credits.data.total_usage);
  return data.limit_remaining;
}
