// Chat answers for structured-output and tool-loop tests: completions, tool calls, and SSE bodies of
// streamed rounds, in the shapes the API sends.
import { json } from './scripted-fetch';

export interface ToolCallAnswer {
  id: string;
  name: string;
  arguments: string;
}

/** A `chat.completion` with one choice holding `message` (role assistant added). */
export function completion(
  message: Record<string, unknown>,
  options: { finishReason?: string; usage?: Record<string, number>; id?: string } = {},
): Record<string, unknown> {
  return {
    id: options.id ?? 'gen-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'openai/gpt-4o',
    choices: [
      {
        index: 0,
        finish_reason: options.finishReason ?? (message.tool_calls ? 'tool_calls' : 'stop'),
        message: { role: 'assistant', ...message },
      },
    ],
    usage: options.usage ?? { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

/** The JSON answer of a completion whose content is `content`. */
export function contentAnswer(content: string | null, options?: Parameters<typeof completion>[1]): Response {
  return json(completion({ content }, options));
}

/** The JSON answer of a completion asking for `calls`. */
export function toolCallsAnswer(calls: ToolCallAnswer[], options?: Parameters<typeof completion>[1]): Response {
  return json(completion({ content: null, tool_calls: calls.map(toolCall) }, options));
}

export function toolCall(call: ToolCallAnswer) {
  return { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
}

/** An SSE body of `chat.completion.chunk` events built from `deltas`, ended by `[DONE]`. */
export function sseAnswer(deltas: Array<{ delta: Record<string, unknown>; finish_reason?: string }>): Response {
  const events = deltas.map(({ delta, finish_reason }, index) => {
    const chunk = {
      id: 'gen-s',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: 'openai/gpt-4o',
      choices: [{ index: 0, delta, finish_reason: finish_reason ?? null }],
      ...(index === deltas.length - 1 && { usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } }),
    };
    return `data: ${JSON.stringify(chunk)}\n\n`;
  });
  return new Response(`${events.join('')}data: [DONE]\n\n`, {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
  });
}

/** The JSON body a request carried. */
export async function bodyOf(request: Request | undefined): Promise<Record<string, unknown>> {
  if (request === undefined) throw new Error('no such request');
  return (await request.clone().json()) as Record<string, unknown>;
}
