// chat.completions.parse and runTools against the Prism mock: the requests they build from zod,
// valibot and arktype schemas are valid for the spec. Prism answers with the spec's example, a
// plain text without tool calls, so parse must report it as not JSON, and runTools ends after one
// round with that text.
import { toStandardJsonSchema } from '@valibot/to-json-schema';
import { type } from 'arktype';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StructuredOutputParseError, tool } from '../../src/index';
import { type Exchange, expectValidExchange, onlyRequest, recordingClient } from './client';

const messages = [{ role: 'user' as const, content: 'Weather in Paris?' }];
const schemas = [
  ['zod', z.strictObject({ city: z.string(), celsius: z.number() })],
  ['valibot', toStandardJsonSchema(v.strictObject({ city: v.string(), celsius: v.number() }))],
  ['arktype', type({ city: 'string', celsius: 'number', '+': 'reject' })],
] as const;

/** The message content of the one answer Prism gave (its example). */
async function answeredContent(exchanges: Exchange[]): Promise<unknown> {
  const body = (await exchanges[0]?.response.clone().json()) as { choices: Array<{ message: { content: unknown } }> };
  return body.choices[0]?.message.content;
}

describe.each(schemas)('structured outputs with a %s schema', (_library, schema) => {
  it('parse: the json_schema request is valid; a non-JSON answer is a StructuredOutputParseError', async () => {
    const { client, exchanges } = recordingClient();
    const error = await client.chat.completions
      .parse({ model: 'openai/gpt-4o', messages, response_format: { name: 'weather', schema } })
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    const request = onlyRequest(exchanges);
    expectValidExchange((exchanges[0] as Exchange).response);
    const sent = (await request.json()) as { response_format: { type: string; json_schema: { name: string } } };
    expect(sent.response_format.type).toBe('json_schema');
    expect(sent.response_format.json_schema.name).toBe('weather');
    expect(error).toBeInstanceOf(StructuredOutputParseError);
    const content = await answeredContent(exchanges);
    expect(typeof content).toBe('string');
    expect((error as StructuredOutputParseError).rawText).toBe(content);
  });

  it('runTools: the tools request is valid and the loop ends at the answer without tool calls', async () => {
    const { client, exchanges } = recordingClient();
    const weather = tool({ name: 'get_weather', parameters: schema, function: () => 'sunny' });
    const runner = client.chat.completions.runTools({ model: 'openai/gpt-4o', messages, tools: [weather] });
    const final = await runner.finalContent();
    const request = onlyRequest(exchanges);
    expect(final).toBe(await answeredContent(exchanges));
    expectValidExchange((exchanges[0] as Exchange).response);
    const sent = (await request.json()) as { tools: Array<{ function: Record<string, unknown> }> };
    expect(Object.keys(sent.tools[0]?.function ?? {}).sort()).toEqual(['name', 'parameters', 'strict']);
  });
});
