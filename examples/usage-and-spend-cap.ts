// What calls cost: every answer's and finished stream's usage goes to onUsage and is summed per
// client in exact decimals; spendLimit refuses billable requests once the recorded spend reaches it.
import { OpenRouter, SpendLimitError } from '../src/index';

const client = new OpenRouter({
  onUsage: (usage) =>
    console.log(
      `  ${usage.generationId}: $${usage.cost}${usage.isByok ? ` + $${usage.byokCost} to your provider key` : ''}, ${usage.totalTokens} tokens${usage.streamed ? ' (streamed)' : ''}`,
    ),
  spendLimit: 0.01, // USD
});
const messages = [{ role: 'user' as const, content: 'Name a colour.' }];

await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages });
const stream = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages, stream: true });
for await (const _ of stream) {
  // the usage chunk at the end is recorded when the stream finishes
}
const totals = client.usage.totals();
console.log(`${totals.calls} calls, ${totals.totalTokens} tokens, spend $${totals.spend} (exact: no float drift)`);

// A cap already reached: the request is refused before it is sent.
const capped = new OpenRouter({ spendLimit: 0 });
try {
  await capped.chat.completions.create({ model: 'openai/gpt-4o-mini', messages });
} catch (error) {
  if (error instanceof SpendLimitError) console.log(`SpendLimitError: ${error.message}`);
  else throw error;
}
