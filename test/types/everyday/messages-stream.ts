import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function streamClaude(prompt: string): Promise<string> {
  const stream = await client.messages.create({
    model: 'anthropic/claude-sonnet-4',
    max_tokens: 512,
    messages: [{ role: 'user', content: prompt }],
    stream: true,
  });
  let text = '';
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    if (event.type === 'message_delta') console.log('stop:', event.delta.stop_reason);
  }
  return text;
}
