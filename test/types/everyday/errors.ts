import OpenRouter, { APIError, AuthenticationError, RateLimitError } from '../../../src';

const client = new OpenRouter();

export async function safeAsk(prompt: string): Promise<string> {
  try {
    const completion = await client.chat.completions.create({
      model: 'openai/gpt-4o',
      messages: [{ role: 'user', content: prompt }],
    });
    return completion.choices[0]?.message.content ?? '';
  } catch (error) {
    if (error instanceof RateLimitError) return `slow down (${error.status})`;
    if (error instanceof AuthenticationError) return 'bad key';
    if (error instanceof APIError) {
      console.error(error.status, error.message, error.code);
      return '';
    }
    throw error;
  }
}
