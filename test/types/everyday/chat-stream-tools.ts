import OpenRouter from '../../../src';

const client = new OpenRouter();

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

export async function collectToolCalls(): Promise<PartialCall[]> {
  const stream = await client.chat.completions.create({
    model: 'openai/gpt-4o',
    messages: [{ role: 'user', content: 'Weather in Paris?' }],
    tools: [
      {
        type: 'function',
        function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
      },
    ],
    stream: true,
  });
  const calls: PartialCall[] = [];
  for await (const chunk of stream) {
    for (const toolCall of chunk.choices[0]?.delta.tool_calls ?? []) {
      const call = calls[toolCall.index] ?? { id: '', name: '', arguments: '' };
      calls[toolCall.index] = call;
      if (toolCall.id) call.id = toolCall.id;
      if (toolCall.function?.name) call.name += toolCall.function.name;
      if (toolCall.function?.arguments) call.arguments += toolCall.function.arguments;
    }
    if (chunk.choices[0]?.finish_reason === 'tool_calls') break;
  }
  return calls;
}
