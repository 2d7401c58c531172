// One chat completion, with what it cost.
import { OpenRouter } from '../src/index';

const client = new OpenRouter({ appTitle: 'openrouter-ts demo' });
const { data: completion, response } = await client.chat.completions
  .create({
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: 'Say hello in five words.' }],
    max_tokens: 30,
  })
  .withResponse();
const [choice] = completion.choices;
console.log(`status ${response.status}, served by ${completion.provider ?? 'unknown'}`);
console.log(
  `answer: ${typeof choice?.message.content === 'string' ? choice.message.content : JSON.stringify(choice?.message.content)}`,
);
console.log(
  `tokens: ${completion.usage?.prompt_tokens} in, ${completion.usage?.completion_tokens} out; cost $${completion.usage?.cost ?? '?'}`,
);
