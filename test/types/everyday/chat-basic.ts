import OpenRouter from '../../../src';

const client = new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });

export async function ask(question: string): Promise<string> {
  const completion = await client.chat.completions.create({
    model: 'openai/gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Answer in one sentence.' },
      { role: 'user', content: question },
    ],
  });
  const text: string | null = completion.choices[0]!.message.content;
  console.log(completion.id, completion.model, completion.usage?.total_tokens);
  return text ?? '';
}

export async function askJson(question: string): Promise<unknown> {
  const completion = await client.chat.completions.create({
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: question }],
    response_format: { type: 'json_object' },
  });
  return JSON.parse(completion.choices[0]?.message.content ?? '{}');
}

export async function finishReasons(): Promise<string[]> {
  const completion = await client.chat.completions.create({
    model: 'x/y',
    messages: [{ role: 'user', content: 'hi' }],
  });
  return completion.choices.map((choice) => choice.finish_reason ?? 'unknown');
}
