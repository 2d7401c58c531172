import type { ChatMessage } from '../../../src';
import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function chat(turns: string[]): Promise<ChatMessage[]> {
  const messages: ChatMessage[] = [{ role: 'system', content: 'You are terse.' }];
  for (const turn of turns) {
    messages.push({ role: 'user', content: turn });
    const completion = await client.chat.completions.create({ model: 'anthropic/claude-sonnet-4', messages });
    const reply = completion.choices[0]!.message;
    messages.push(reply);
    if (reply.content !== null) console.log(reply.content.trim());
  }
  return messages;
}
