// A typed answer from a zod schema, then a tool loop whose tool arguments come from the same kind of
// schema. Against the mock the answers are the spec's example text, so parsing reports it as not JSON.
import { z } from 'zod';
import { OpenRouter, StructuredOutputParseError, tool } from '../src/index';

const client = new OpenRouter({ appTitle: 'openrouter-ts demo' });
const model = 'openai/gpt-4o-mini';

const Capital = z.strictObject({ country: z.string(), capital: z.string() });
try {
  const completion = await client.chat.completions.parse({
    model,
    messages: [{ role: 'user', content: 'What is the capital of France?' }],
    response_format: { name: 'capital', schema: Capital },
  });
  const answer = completion.choices[0]?.message.parsed;
  console.log(`parsed: ${answer ? `${answer.capital} is the capital of ${answer.country}` : 'refused'}`);
} catch (error) {
  if (!(error instanceof StructuredOutputParseError)) throw error;
  console.log(`not the schema's shape (${error.kind}): ${JSON.stringify(error.rawText)}`);
}

const getTime = tool({
  name: 'get_time',
  description: 'The current time in an IANA time zone',
  parameters: z.strictObject({ timeZone: z.string() }),
  function: ({ timeZone }) => new Date().toLocaleTimeString('en-GB', { timeZone }),
});
const runner = client.chat.completions.runTools(
  { model, messages: [{ role: 'user', content: 'What time is it in Tokyo?' }], tools: [getTime] },
  { maxRounds: 3 },
);
runner.on('message', (message) =>
  console.log(`  ${message.role}${'tool_calls' in message && message.tool_calls ? ' (asks for tools)' : ''}`),
);
console.log(`final: ${await runner.finalContent()}`);
const usage = await runner.totalUsage();
console.log(
  `${runner.completions.length} round(s), ${usage.total_tokens} tokens, ${runner.toolCallErrors.length} tool error(s)`,
);
