// Every recorded real stream (chat and Responses), through the whole Stream: the same items and
// the same accumulated result however its bytes are cut.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APIError } from '../../src/core/errors';
import type { Stream, StreamConstructor } from '../../src/core/stream';
import { ChatCompletionStream } from '../../src/streams/chat';
import { ResponsesStream } from '../../src/streams/responses';
import { hasRealdata, listRealdata, realdataDir } from '../support/realdata';
import { decodeAll, onePiecePerByte, responseOf, splitAt } from './helpers/sse-streams';

interface Outcome {
  items: unknown[];
  result: unknown;
  error: string | undefined;
}

async function run(
  Kind: StreamConstructor<Stream<unknown>>,
  pieces: Uint8Array[],
  final: (s: never) => Promise<unknown>,
) {
  const stream = new Kind(responseOf(pieces), new AbortController());
  const items: unknown[] = [];
  const outcome: Outcome = { items, result: undefined, error: undefined };
  try {
    for await (const item of stream) items.push(item);
    outcome.result = await final(stream as never);
  } catch (error) {
    outcome.error = error instanceof APIError ? `${error.name} ${error.message}` : String(error);
  }
  return outcome;
}

/** The JSON of each `data:` line but `[DONE]`, read without the SDK's decoder. */
function dataLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)));
}

const operations = [
  {
    folder: 'chat',
    Kind: ChatCompletionStream as unknown as StreamConstructor<Stream<unknown>>,
    final: (s: ChatCompletionStream) => s.finalCompletion(),
  },
  {
    folder: 'responses',
    Kind: ResponsesStream as unknown as StreamConstructor<Stream<unknown>>,
    final: (s: ResponsesStream) => s.finalResponse(),
  },
] as const;

for (const { folder, Kind, final } of operations) {
  describe.skipIf(!hasRealdata)(`Stream over the recorded ${folder} streams in ${realdataDir}/${folder}`, () => {
    const names = listRealdata(folder, '.sse');

    it('finds streams to test', () => {
      expect(names.length).toBeGreaterThan(0);
    });

    it.each(names)(
      '%s: every cut in two and one byte per read give the same events, items and result',
      async (name) => {
        const data = new Uint8Array(readFileSync(join(realdataDir, folder, name)));
        const events = JSON.stringify(await decodeAll([data]));
        for (let cut = 0; cut <= data.length; cut++) {
          const split = JSON.stringify(await decodeAll(splitAt(data, [cut])));
          if (split !== events) expect(split, `cut at byte ${cut}`).toBe(events);
        }
        const whole = await run(Kind, [data], final as never);
        expect(await run(Kind, onePiecePerByte(data), final as never)).toEqual(whole);
        // The accumulation depends only on the events, identical at every cut; a sample of cuts
        // through the whole Stream confirms it end to end.
        for (let cut = 1; cut < data.length; cut += Math.max(1, Math.floor(data.length / 40))) {
          const outcome = await run(Kind, splitAt(data, [cut]), final as never);
          if (JSON.stringify(outcome) !== JSON.stringify(whole)) expect(outcome, `cut at byte ${cut}`).toEqual(whole);
        }
        const text = new TextDecoder().decode(data);
        const lines = dataLines(text);
        const errorAt = lines.findIndex(
          (line) => typeof line === 'object' && line !== null && 'error' in line && (line as { error: unknown }).error,
        );
        if (errorAt === -1) {
          expect(whole.error).toBeUndefined();
          expect(whole.items).toEqual(lines.slice(0, whole.items.length));
        } else {
          // An error chunk: everything before it delivered, then its typed error.
          expect(whole.items).toEqual(lines.slice(0, errorAt));
          expect(whole.error).toMatch(/Error \d{3} /);
        }
      },
    );
  });
}

describe.skipIf(!hasRealdata)('what the recorded streams accumulate to', () => {
  it.each(listRealdata('chat', '.sse'))('chat %s: content and tool arguments are the deltas joined', async (name) => {
    const text = readFileSync(join(realdataDir, 'chat', name), 'utf8');
    const stream = new ChatCompletionStream(responseOf([new TextEncoder().encode(text)]), new AbortController());
    const lines = dataLines(text) as {
      error?: unknown;
      choices?: { delta?: { content?: string; tool_calls?: { function?: { arguments?: string } }[] } }[];
    }[];
    if (lines.some((line) => line.error)) {
      await expect(stream.finalCompletion()).rejects.toBeInstanceOf(APIError);
      return;
    }
    const completion = await stream.finalCompletion();
    const deltas = lines.flatMap((line) => line.choices ?? []).map((choice) => choice.delta ?? {});
    const content = deltas.map((delta) => delta.content ?? '').join('');
    expect(completion.choices[0]?.message.content ?? '').toBe(content);
    const args = deltas
      .flatMap((delta) => delta.tool_calls ?? [])
      .map((call) => call.function?.arguments ?? '')
      .join('');
    expect((completion.choices[0]?.message.tool_calls ?? []).map((call) => call.function.arguments).join('')).toBe(
      args,
    );
  });

  it.each(listRealdata('responses', '.sse'))(
    'responses %s: the response of response.completed; built from the events, the same texts and arguments',
    async (name) => {
      const text = readFileSync(join(realdataDir, 'responses', name), 'utf8');
      const lines = dataLines(text) as { type: string; response?: { output: unknown[] } }[];
      const completed = lines.find((line) => line.type === 'response.completed');
      const stream = new ResponsesStream(responseOf([new TextEncoder().encode(text)]), new AbortController());
      expect(await stream.finalResponse()).toEqual(completed?.response);
      // Without response.completed, the output comes from the item, part and delta events.
      const withoutCompleted = text.replace(/data: \{"type":"response\.completed".*\n/, '');
      const built = (await new ResponsesStream(
        responseOf([new TextEncoder().encode(withoutCompleted)]),
        new AbortController(),
      ).finalResponse()) as { output: unknown[] };
      const texts = (output: unknown[]) =>
        JSON.stringify(output, ['type', 'content', 'summary', 'text', 'name', 'arguments', 'call_id']);
      expect(texts(built.output)).toBe(texts(completed?.response?.output ?? []));
    },
  );
});
