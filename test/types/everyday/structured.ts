import OpenRouter from '../../../src';

const client = new OpenRouter();

interface Person {
  name: string;
  age: number;
}

export async function extract(text: string): Promise<Person> {
  const completion = await client.chat.completions.create({
    model: 'openai/gpt-4o',
    messages: [{ role: 'user', content: text }],
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'person',
        strict: true,
        schema: {
          type: 'object',
          properties: { name: { type: 'string' }, age: { type: 'number' } },
          required: ['name', 'age'],
          additionalProperties: false,
        },
      },
    },
  });
  const content = completion.choices[0]?.message.content;
  if (!content) throw new Error('no answer');
  const person: Person = JSON.parse(content);
  return person;
}
