import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function respond(input: string): Promise<string> {
  const response = await client.responses.create({ model: 'openai/o4-mini', input });
  let text = '';
  for (const item of response.output ?? []) {
    switch (item.type) {
      case 'message':
        for (const part of item.content) {
          if (part.type === 'output_text') text += part.text;
        }
        break;
      case 'function_call':
        console.log('call', item.name, JSON.parse(item.arguments));
        break;
      case 'reasoning':
        console.log('reasoning item', item.id);
        break;
      default:
        console.log('new kind of output item:', item.type);
    }
  }
  console.log(response.usage?.input_tokens, response.usage?.output_tokens);
  return text;
}

export async function respondStreaming(input: string): Promise<string> {
  const stream = await client.responses.create({ model: 'openai/gpt-4o', input, stream: true });
  let text = '';
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') text += event.delta;
    else if (event.type === 'response.completed') console.log(event.response.id);
  }
  return text;
}
