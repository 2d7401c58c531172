import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function think(
  question: string,
): Promise<{ answer: string | null; reasoning: string | null | undefined }> {
  const completion = await client.chat.completions.create({
    model: 'anthropic/claude-sonnet-4',
    messages: [{ role: 'user', content: question }],
    reasoning: { effort: 'high' },
  });
  const message = completion.choices[0]!.message;
  for (const detail of message.reasoning_details ?? []) {
    if (detail.type === 'reasoning.text') console.log(detail.text);
  }
  return { answer: message.content, reasoning: message.reasoning };
}
