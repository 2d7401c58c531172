import OpenRouter, { APIError, OpenRouterError } from '../../../src';

const client = new OpenRouter({ maxRetries: 2, timeout: 30_000 });

export async function streamSafely(prompt: string): Promise<string> {
  let text = '';
  try {
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4o',
      messages: [{ role: 'user', content: prompt }],
      stream: true,
    });
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason === 'length') console.warn('cut at max tokens');
    }
  } catch (error) {
    if (error instanceof APIError) console.error('API error mid-stream:', error.status, error.message);
    else if (error instanceof OpenRouterError) console.error('client error:', error.message);
    else throw error;
  }
  return text;
}
