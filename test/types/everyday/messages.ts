import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function claude(prompt: string): Promise<string> {
  const message = await client.messages.create({
    model: 'anthropic/claude-sonnet-4',
    max_tokens: 1024,
    messages: [{ role: 'user', content: prompt }],
  });
  let text = '';
  for (const block of message.content) {
    if (block.type === 'text') text += block.text;
    else if (block.type === 'tool_use') console.log(block.name, block.input);
  }
  console.log(message.stop_reason, message.usage.output_tokens);
  return text;
}
