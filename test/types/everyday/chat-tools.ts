import type { ChatMessage } from '../../../src';
import OpenRouter from '../../../src';

const client = new OpenRouter();

function getWeather(city: string): string {
  return `Sunny in ${city}`;
}

export async function runWithTools(question: string): Promise<string | null> {
  const messages: ChatMessage[] = [{ role: 'user', content: question }];
  const completion = await client.chat.completions.create({
    model: 'openai/gpt-4o',
    messages,
    tools: [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Current weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ],
    tool_choice: 'auto',
  });
  const message = completion.choices[0]!.message;
  if (!message.tool_calls?.length) return message.content;
  messages.push(message);
  for (const toolCall of message.tool_calls) {
    const args: { city: string } = JSON.parse(toolCall.function.arguments);
    messages.push({ role: 'tool', tool_call_id: toolCall.id, content: getWeather(args.city) });
  }
  const followUp = await client.chat.completions.create({ model: 'openai/gpt-4o', messages });
  return followUp.choices[0]!.message.content;
}
