// client.responses.parse: the Responses API twin of chat.completions.parse, with an injected fetch.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { OpenRouterError, StructuredOutputParseError } from '../../src';
import { bodyOf } from './support/chat-answers';
import { clearClientEnv, clientWith, rejectionOf } from './support/client';
import { json } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

const Weather = z.strictObject({ city: z.string(), celsius: z.number() });

/** A Responses API answer whose one message says `text`. */
function answer(text: string) {
  return {
    id: 'resp_1',
    object: 'response',
    created_at: 1_764_000_000,
    model: 'openai/gpt-4o-mini',
    status: 'completed',
    output: [
      {
        type: 'message',
        id: 'msg_1',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    ],
  };
}

describe('responses.parse', () => {
  it('sends the schema as a json_schema text format and gives the typed value as output_parsed', async () => {
    const { client, requests } = clientWith({}, json(answer('{"city":"Paris","celsius":21}')));
    const result = await client.responses.parse({
      model: 'openai/gpt-4o-mini',
      input: 'Weather?',
      text: { format: Weather },
    });
    expect(result.output_parsed).toEqual({ city: 'Paris', celsius: 21 });
    const sent = (await bodyOf(requests[0])) as { text: { format: Record<string, unknown> }; input: string };
    expect(sent.input).toBe('Weather?');
    expect(sent.text.format).toMatchObject({ type: 'json_schema', name: 'response', strict: true });
    expect((sent.text.format.schema as { properties: object }).properties).toHaveProperty('celsius');
  });

  it('rejects with StructuredOutputParseError, carrying the raw text, when the answer does not match', async () => {
    const { client } = clientWith({}, json(answer('{"city":"Paris"}')));
    const error = await rejectionOf(
      client.responses.parse({ model: 'm', input: 'Weather?', text: { format: Weather } }),
    );
    expect(error).toBeInstanceOf(StructuredOutputParseError);
    expect((error as StructuredOutputParseError).rawText).toBe('{"city":"Paris"}');
  });

  it('refuses stream: true and a missing format before any request', async () => {
    const { client, requests } = clientWith({}, json(answer('{}')));
    const streamed = await rejectionOf(
      // @ts-expect-error parse does not stream
      client.responses.parse({ model: 'm', input: 'x', text: { format: Weather }, stream: true }),
    );
    expect(streamed).toBeInstanceOf(OpenRouterError);
    expect((streamed as Error).message).toMatch(/does not stream/);
    // @ts-expect-error text.format is required
    const missing = await rejectionOf(client.responses.parse({ model: 'm', input: 'x', text: {} }));
    expect(missing).toBeInstanceOf(OpenRouterError);
    expect(requests).toHaveLength(0);
  });
});
