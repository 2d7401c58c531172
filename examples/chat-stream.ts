// A streamed chat completion: print the text as it arrives, then the merged result.
import { OpenRouter } from '../src/index';

const client = new OpenRouter({ appTitle: 'openrouter-ts demo' });
const stream = await client.chat.completions.create({
  model: 'openai/gpt-4o-mini',
  messages: [{ role: 'user', content: 'Count from one to five.' }],
  stream: true,
  usage: { include: true },
});
process.stdout.write('streamed: ');
let chunks = 0;
for await (const chunk of stream) {
  chunks++;
  process.stdout.write(chunk.choices[0]?.delta.content ?? '');
}
console.log(`\n${chunks} chunk(s)`);
