// chat.completions.runTools against an injected fetch: rounds, parallel tool calls, errors fed back,
// the round limit, aborts, and streamed rounds.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  APIUserAbortError,
  BadRequestError,
  ChatCompletionStreamingRunner,
  OpenRouterError,
  type RunnableTool,
  ToolRoundLimitError,
  tool,
} from '../../src';
import { bodyOf, completion, contentAnswer, sseAnswer, toolCallsAnswer } from './support/chat-answers';
import { clearClientEnv, clientWith, rejectionOf, thrownBy } from './support/client';
import { bodyTiedTo, hangUntilAborted, json, signalOf } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

const messages = [{ role: 'user' as const, content: 'Weather in Paris and Rome?' }];

const getWeather = tool({
  name: 'get_weather',
  description: 'Current weather of a city',
  parameters: z.strictObject({ city: z.string() }),
  function: ({ city }) => ({ city, celsius: city.length }),
});

/** `promise`, or a rejection with `message` if it takes more than a second. */
async function withinOneSecond<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), 1000);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('chat.completions.runTools', () => {
  it('runs the tool, sends its JSON result back as a tool message, and ends at the final answer', async () => {
    const { client, requests } = clientWith(
      {},
      toolCallsAnswer([{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }]),
      contentAnswer('It is 5 degrees in Paris.'),
    );
    const runner = client.chat.completions.runTools({ model: 'openai/gpt-4o', messages, tools: [getWeather] });
    expect(await runner.finalContent()).toBe('It is 5 degrees in Paris.');
    expect(requests).toHaveLength(2);

    const first = await bodyOf(requests[0]);
    expect(first.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Current weather of a city',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
            additionalProperties: false,
          },
          strict: true,
        },
      },
    ]);
    expect(first.messages).toEqual(messages);

    const second = await bodyOf(requests[1]);
    expect(second.messages).toEqual([
      ...messages,
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"city":"Paris","celsius":5}' },
    ]);
    expect(second.model).toBe('openai/gpt-4o');
    expect(runner.messages).toHaveLength(4);
    expect((await runner.finalMessage()).content).toBe('It is 5 degrees in Paris.');
    expect(runner.completions).toHaveLength(2);
    expect(await runner.totalUsage()).toEqual({ prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 });
  });

  it('runs the calls of one message concurrently, and answers them in the order they were asked', async () => {
    const started: string[] = [];
    const finished: string[] = [];
    let releaseFirst: () => void = () => {};
    const firstMayFinish = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const slowFirst: RunnableTool<{ city: string }> = {
      type: 'function',
      function: {
        name: 'lookup',
        parse: JSON.parse,
        function: async ({ city }) => {
          started.push(city);
          // Paris (asked first) finishes only after Rome has started: sequential calls would deadlock.
          if (city === 'Paris') await withinOneSecond(firstMayFinish, 'the calls ran one after the other');
          else releaseFirst();
          finished.push(city);
          return `${city}: ok`;
        },
      },
    };
    const { client, requests } = clientWith(
      {},
      toolCallsAnswer([
        { id: 'call_p', name: 'lookup', arguments: '{"city":"Paris"}' },
        { id: 'call_r', name: 'lookup', arguments: '{"city":"Rome"}' },
      ]),
      contentAnswer('Done.'),
    );
    const runner = client.chat.completions.runTools({ messages, tools: [slowFirst] }, { maxRounds: 2 });
    expect(await runner.finalContent()).toBe('Done.');
    expect(started).toEqual(['Paris', 'Rome']);
    expect(runner.toolCallErrors).toEqual([]);
    expect(finished).toEqual(['Rome', 'Paris']);
    const sent = (await bodyOf(requests[1])).messages as Array<Record<string, unknown>>;
    expect(sent.slice(2)).toEqual([
      { role: 'tool', tool_call_id: 'call_p', content: 'Paris: ok' },
      { role: 'tool', tool_call_id: 'call_r', content: 'Rome: ok' },
    ]);
  });

  it('a tool that throws: its error goes back to the model as the answer, is recorded, and the loop goes on', async () => {
    const failing = tool({
      name: 'get_weather',
      parameters: z.strictObject({ city: z.string() }),
      function: () => {
        throw new Error('weather service down');
      },
    });
    const { client, requests } = clientWith(
      {},
      toolCallsAnswer([{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }]),
      contentAnswer('Sorry, no weather today.'),
    );
    const runner = client.chat.completions.runTools({ messages, tools: [failing] });
    const reported: unknown[] = [];
    runner.on('toolCallError', (record) => reported.push(record));
    expect(await runner.finalContent()).toBe('Sorry, no weather today.');
    const sent = (await bodyOf(requests[1])).messages as unknown[];
    expect(sent[2]).toEqual({ role: 'tool', tool_call_id: 'call_1', content: 'Error: weather service down' });
    expect(runner.toolCallErrors).toHaveLength(1);
    expect(runner.toolCallErrors[0]).toMatchObject({
      round: 1,
      toolCallId: 'call_1',
      name: 'get_weather',
      kind: 'tool_threw',
    });
    expect(runner.toolCallErrors[0]?.error).toEqual(new Error('weather service down'));
    expect(reported).toEqual(runner.toolCallErrors);
  });

  it('arguments the schema rejects are fed back as an error string and the tool is not called', async () => {
    const run = vi.fn(() => 'never');
    const strict = tool({ name: 'get_weather', parameters: z.strictObject({ city: z.string() }), function: run });
    const { client, requests } = clientWith(
      {},
      toolCallsAnswer([{ id: 'call_1', name: 'get_weather', arguments: '{"town":"Paris"}' }]),
      contentAnswer('Retrying would help.'),
    );
    const runner = client.chat.completions.runTools({ messages, tools: [strict] });
    await runner.done();
    expect(run).not.toHaveBeenCalled();
    const toolMessage = ((await bodyOf(requests[1])).messages as Array<{ content: string }>)[2];
    expect(toolMessage?.content).toMatch(
      /^Error: invalid arguments: The arguments of tool "get_weather" does not match/,
    );
    expect(toolMessage?.content).toContain('city');
    expect(runner.toolCallErrors[0]?.kind).toBe('invalid_arguments');
  });

  it('an unknown tool name is answered with the list of tools', async () => {
    const { client, requests } = clientWith(
      {},
      toolCallsAnswer([{ id: 'call_1', name: 'get_wether', arguments: '{}' }]),
      contentAnswer('ok'),
    );
    const runner = client.chat.completions.runTools({ messages, tools: [getWeather] });
    await runner.done();
    const toolMessage = ((await bodyOf(requests[1])).messages as Array<{ content: string }>)[2];
    expect(toolMessage?.content).toBe('Error: no tool is named "get_wether"; the tools are "get_weather".');
    expect(runner.toolCallErrors[0]?.kind).toBe('unknown_tool');
  });

  it('without parse, the function receives the raw arguments string (as in openai-node)', async () => {
    const seen: unknown[] = [];
    const raw: RunnableTool<string> = {
      type: 'function',
      function: { name: 'echo', function: (args) => seen.push(args) },
    };
    const { client } = clientWith(
      {},
      toolCallsAnswer([{ id: 'c', name: 'echo', arguments: '{"a":1}' }]),
      contentAnswer('x'),
    );
    await client.chat.completions.runTools({ messages, tools: [raw] }).done();
    expect(seen).toEqual(['{"a":1}']);
  });

  it('stops with ToolRoundLimitError after maxRounds requests that still ask for tools', async () => {
    const call = { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' };
    const { client, requests } = clientWith({}, toolCallsAnswer([call]), toolCallsAnswer([call]));
    const runner = client.chat.completions.runTools({ messages, tools: [getWeather] }, { maxRounds: 2 });
    const error = (await rejectionOf(runner.finalContent())) as ToolRoundLimitError;
    expect(error).toBeInstanceOf(ToolRoundLimitError);
    expect(error.rounds).toBe(2);
    expect(requests).toHaveLength(2);
    // The last round's tools ran: the conversation can be resumed as it is.
    expect(error.messages.at(-1)).toEqual({
      role: 'tool',
      tool_call_id: 'call_1',
      content: '{"city":"Paris","celsius":5}',
    });
    expect(runner.messages).toHaveLength(5);
  });

  it('a forced tool_choice applies to the first round only', async () => {
    const { client, requests } = clientWith(
      {},
      toolCallsAnswer([{ id: 'c', name: 'get_weather', arguments: '{"city":"Oslo"}' }]),
      contentAnswer('Cold.'),
    );
    const runner = client.chat.completions.runTools({ messages, tools: [getWeather], tool_choice: 'required' });
    await runner.done();
    expect((await bodyOf(requests[0])).tool_choice).toBe('required');
    expect((await bodyOf(requests[1])).tool_choice).toBe('auto');
  });

  it('emits message and completion events in order, and end', async () => {
    const { client } = clientWith(
      {},
      toolCallsAnswer([{ id: 'c', name: 'get_weather', arguments: '{"city":"Oslo"}' }]),
      contentAnswer('Cold.'),
    );
    const events: string[] = [];
    const runner = client.chat.completions.runTools({ messages, tools: [getWeather] });
    runner
      .on('message', (message) => events.push(`message:${message.role}`))
      .on('completion', () => events.push('completion'))
      .on('end', () => events.push('end'));
    await runner.done();
    await Promise.resolve();
    expect(events).toEqual([
      'completion',
      'message:assistant',
      'message:tool',
      'completion',
      'message:assistant',
      'end',
    ]);
  });

  it('finalContent joins the text parts of a final message given as parts', async () => {
    const parts = [
      { type: 'text', text: 'Sunny ' },
      { type: 'text', text: 'today.' },
    ];
    const { client } = clientWith({}, json(completion({ content: parts })));
    expect(await client.chat.completions.runTools({ messages, tools: [getWeather] }).finalContent()).toBe(
      'Sunny today.',
    );
  });

  it('a failed request rejects the runner and is emitted as error; undefined results are sent as null', async () => {
    const nothing: RunnableTool<string> = {
      type: 'function',
      function: { name: 'nothing', function: () => undefined },
    };
    const { client, requests } = clientWith(
      {},
      toolCallsAnswer([{ id: 'c', name: 'nothing', arguments: '' }]),
      json({ error: { code: 400, message: 'context too long' } }, 400),
    );
    const runner = client.chat.completions.runTools({ messages, tools: [nothing] });
    const emitted: unknown[] = [];
    runner.on('error', (error) => emitted.push(error));
    const error = await rejectionOf(runner.done());
    expect(error).toBeInstanceOf(BadRequestError);
    expect(emitted).toEqual([error]);
    expect(((await bodyOf(requests[1])).messages as unknown[])[2]).toEqual({
      role: 'tool',
      tool_call_id: 'c',
      content: 'null',
    });
  });

  describe('abort', () => {
    it('aborting while tools run rejects with APIUserAbortError; their late results are ignored', async () => {
      let finishTool: (value: string) => void = () => {};
      let toolStarted: () => void = () => {};
      const started = new Promise<void>((resolve) => {
        toolStarted = resolve;
      });
      const slow: RunnableTool<string> = {
        type: 'function',
        function: {
          name: 'slow',
          function: () => {
            toolStarted();
            return new Promise<string>((resolve) => {
              finishTool = resolve;
            });
          },
        },
      };
      const controller = new AbortController();
      const { client, requests } = clientWith({}, toolCallsAnswer([{ id: 'c', name: 'slow', arguments: '' }]));
      const runner = client.chat.completions.runTools({ messages, tools: [slow] }, { signal: controller.signal });
      await started;
      controller.abort();
      finishTool('too late');
      expect(await rejectionOf(runner.done())).toBeInstanceOf(APIUserAbortError);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(requests).toHaveLength(1);
      expect(runner.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    });

    it('runner.abort() during a request cancels it and rejects with APIUserAbortError', async () => {
      const { client, requests } = clientWith({}, hangUntilAborted);
      const runner = client.chat.completions.runTools({ messages, tools: [getWeather] });
      await vi.waitFor(() => expect(requests).toHaveLength(1));
      runner.abort();
      expect(await rejectionOf(runner.finalContent())).toBeInstanceOf(APIUserAbortError);
      expect(signalOf(requests[0] as Request).aborted).toBe(true);
    });

    it('lets go of the caller signal once the loop is over', async () => {
      const signal = new AbortController().signal;
      const add = vi.spyOn(signal, 'addEventListener');
      const remove = vi.spyOn(signal, 'removeEventListener');
      const { client } = clientWith({}, contentAnswer('hi'));
      await client.chat.completions.runTools({ messages, tools: [getWeather] }, { signal }).done();
      await Promise.resolve();
      const added = add.mock.calls.find(([type]) => type === 'abort')?.[1];
      expect(added).toBeTypeOf('function');
      expect(remove.mock.calls.some(([type, listener]) => type === 'abort' && listener === added)).toBe(true);
    });

    it('the tool gets the loop signal', async () => {
      let toolSignal: AbortSignal | undefined;
      const watcher: RunnableTool<string> = {
        type: 'function',
        function: {
          name: 'watch',
          function: (_args, { signal }) => {
            toolSignal = signal;
            return new Promise(() => {});
          },
        },
      };
      const { client } = clientWith({}, toolCallsAnswer([{ id: 'c', name: 'watch', arguments: '' }]));
      const runner = client.chat.completions.runTools({ messages, tools: [watcher] });
      await vi.waitFor(() => expect(toolSignal).toBeDefined());
      expect(toolSignal?.aborted).toBe(false);
      runner.abort();
      expect(toolSignal?.aborted).toBe(true);
      expect(await rejectionOf(runner.done())).toBeInstanceOf(APIUserAbortError);
    });
  });

  describe('stream: true', () => {
    it('streams every round, yields all chunks, and merges each round for the loop', async () => {
      const { client, requests } = clientWith(
        {},
        sseAnswer([
          {
            delta: {
              role: 'assistant',
              tool_calls: [
                { index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } },
              ],
            },
          },
          { delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] } },
          { delta: { tool_calls: [{ index: 0, function: { arguments: '"Rome"}' } }] }, finish_reason: 'tool_calls' },
        ]),
        sseAnswer([
          { delta: { role: 'assistant', content: 'Warm ' } },
          { delta: { content: 'in Rome.' }, finish_reason: 'stop' },
        ]),
      );
      const runner = client.chat.completions.runTools({ messages, tools: [getWeather], stream: true });
      expect(runner).toBeInstanceOf(ChatCompletionStreamingRunner);
      const contents: Array<string | null | undefined> = [];
      let chunks = 0;
      for await (const chunk of runner) {
        chunks += 1;
        contents.push(chunk.choices[0]?.delta.content);
      }
      expect(chunks).toBe(5);
      expect(contents.filter(Boolean).join('')).toBe('Warm in Rome.');
      expect(await runner.finalContent()).toBe('Warm in Rome.');
      expect((await bodyOf(requests[0])).stream).toBe(true);
      const second = (await bodyOf(requests[1])).messages as unknown[];
      expect(second[1]).toMatchObject({
        role: 'assistant',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      });
      expect(second[2]).toEqual({ role: 'tool', tool_call_id: 'call_1', content: '{"city":"Rome","celsius":4}' });
      expect(await runner.totalUsage()).toEqual({ prompt_tokens: 14, completion_tokens: 6, total_tokens: 20 });
    });

    it('leaving the chunk loop early aborts the run and its request', async () => {
      const first = sseAnswer([{ delta: { role: 'assistant', content: 'a' } }]);
      const firstEvent = (await first.text()).split('\n\n')[0] ?? '';
      // One chunk, then the body stays open until the request is aborted.
      const { client, requests } = clientWith(
        {},
        (request) =>
          new Response(bodyTiedTo(request, [`${firstEvent}\n\n`]), {
            headers: { 'content-type': 'text/event-stream' },
          }),
      );
      const runner = client.chat.completions.runTools({ messages, tools: [getWeather], stream: true });
      for await (const _chunk of runner) break;
      expect(await rejectionOf(runner.done())).toBeInstanceOf(APIUserAbortError);
      expect(signalOf(requests[0] as Request).aborted).toBe(true);
    });
  });

  describe('bad input is refused before any request', () => {
    it.each([
      ['no tools', { messages, tools: [] }, /tools must be a non-empty array/],
      [
        'a tool without function',
        { messages, tools: [{ type: 'function', function: { name: 'x' } }] },
        /has no function to run/,
      ],
      ['two tools with one name', { messages, tools: [getWeather, getWeather] }, /two tools are named "get_weather"/],
      ['messages that are not an array', { messages: 'hi', tools: [getWeather] }, /messages must be an array/],
    ])('%s', (_name, body, message) => {
      const { client, requests } = clientWith({});
      const error = thrownBy(() => client.chat.completions.runTools(body as never));
      expect(error).toBeInstanceOf(OpenRouterError);
      expect((error as Error).message).toMatch(message);
      expect(requests).toHaveLength(0);
    });

    it('a signal that is not an AbortSignal', () => {
      const { client } = clientWith({});
      const error = thrownBy(() =>
        client.chat.completions.runTools({ messages, tools: [getWeather] }, { signal: 'stop' as never }),
      );
      expect((error as Error).message).toBe('signal must be an AbortSignal.');
    });

    it('maxRounds below 1', () => {
      const { client } = clientWith({});
      const error = thrownBy(() =>
        client.chat.completions.runTools({ messages, tools: [getWeather] }, { maxRounds: 0 }),
      );
      expect((error as Error).message).toMatch(/maxRounds must be a whole number >= 1/);
    });
  });
});
