import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function streamToStdout(prompt: string): Promise<string> {
  const stream = await client.chat.completions.create({
    model: 'openai/gpt-4o',
    messages: [{ role: 'user', content: prompt }],
    stream: true,
  });
  let text = '';
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta;
    if (delta?.content) {
      process.stdout.write(delta.content);
      text += delta.content;
    }
    if (delta?.reasoning) process.stderr.write(delta.reasoning);
    if (chunk.usage) console.log('\ntokens:', chunk.usage.total_tokens, 'cost:', chunk.usage.cost);
  }
  return text;
}

export async function streamThenFinal(prompt: string): Promise<string | null> {
  const stream = await client.chat.completions.create({
    model: 'openai/gpt-4o',
    messages: [{ role: 'user', content: prompt }],
    stream: true,
  });
  const completion = await stream.finalCompletion();
  return completion.choices[0]!.message.content;
}
