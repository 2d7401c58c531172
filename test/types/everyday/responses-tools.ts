import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function callTools(input: string): Promise<Array<{ name: string; args: unknown }>> {
  const response = await client.responses.create({
    model: 'openai/gpt-4o',
    input,
    tools: [
      {
        type: 'function',
        name: 'lookup',
        description: 'Look something up',
        parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
        strict: null,
      },
    ],
  });
  const calls: Array<{ name: string; args: unknown }> = [];
  for (const item of response.output ?? []) {
    if (item.type === 'function_call') calls.push({ name: item.name, args: JSON.parse(item.arguments) });
  }
  return calls;
}

export async function streamArguments(input: string): Promise<string> {
  const stream = await client.responses.create({ model: 'openai/gpt-4o', input, stream: true });
  let args = '';
  for await (const event of stream) {
    if (event.type === 'response.function_call_arguments.delta') args += event.delta;
    if (event.type === 'response.function_call_arguments.done') return event.arguments;
  }
  return args;
}
