import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function costOf(): Promise<number> {
  const completion = await client.chat.completions.create({
    model: 'x/y',
    messages: [{ role: 'user', content: 'hi' }],
  });
  const { data } = await client.generations.get(completion.id);
  console.log(data.model, data.provider_name, data.tokens_prompt, data.native_finish_reason);
  return data.total_cost;
}
