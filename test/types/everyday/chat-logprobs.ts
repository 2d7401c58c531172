import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function tokenConfidence(prompt: string): Promise<number[]> {
  const completion = await client.chat.completions.create({
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
    logprobs: true,
    top_logprobs: 3,
  });
  const logprobs = completion.choices[0]?.logprobs;
  if (typeof logprobs !== 'object' || logprobs === null) return [];
  return (logprobs.content ?? []).map((entry) => Math.exp(entry.logprob));
}
