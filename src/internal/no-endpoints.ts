// "No endpoints found that support tool use": OpenRouter's 404 when no endpoint of the model takes
// a parameter of the request. The client knows the request, so it can say which of its fields asked
// for the missing feature, without another request.
import type { NotFoundError } from '../core/errors';

/** What a "No endpoints found that support ..." 404 is about. */
export interface NoEndpoints {
  /** What the message says is missing: `'tool use'`, `'image input'`, `'response_format'`, ... */
  feature: string;
  /** The fields of the request that ask for it (`tools`, `tool_choice`, `messages[0].content[1]` for an image, ...). */
  parameters: string[];
  /** The request's `model` (or `models`), to look up with `client.models.endpoints(model)`. */
  model: string | undefined;
}

/** Request fields per feature word of the message; a field the message names counts too. */
const FIELDS: Record<string, string[]> = {
  tool: ['tools', 'tool_choice', 'parallel_tool_calls'],
  response: ['response_format'],
  structured: ['response_format'],
  json: ['response_format'],
  reasoning: ['reasoning', 'include_reasoning', 'reasoning_effort'],
  modalit: ['modalities'],
};

/** Adds `noEndpoints` (and a sentence to the message) to a "No endpoints found ..." 404 of `body`. */
export function explainNoEndpoints(error: NotFoundError, body: unknown): void {
  const feature = /no endpoints found (?:that (?:support|can handle)|matching) ([^.]+)/i.exec(error.message)?.[1];
  if (feature === undefined || typeof body !== 'object' || body === null) return;
  const request = body as Record<string, unknown>;
  const named = Object.entries(FIELDS).flatMap(([word, fields]) => (feature.includes(word) ? fields : []));
  const parameters = Object.keys(request).filter(
    (field) => request[field] != null && (named.includes(field) || feature.includes(field)),
  );
  // Media: the content parts that are not text.
  const messages = request.messages;
  if (/image|audio|video|file|pdf/i.test(feature) && Array.isArray(messages)) {
    messages.forEach((message: { content?: unknown }, i) => {
      if (!Array.isArray(message?.content)) return;
      message.content.forEach((part: { type?: unknown }, j) => {
        if (typeof part?.type === 'string' && !part.type.includes('text'))
          parameters.push(`messages[${i}].content[${j}]`);
      });
    });
  }
  const model = typeof request.model === 'string' ? request.model : undefined;
  error.noEndpoints = { feature, parameters, model };
  if (parameters.length > 0) {
    error.message += ` [The request asks for ${feature} with: ${parameters.join(', ')}. explainEndpointSupport() from 'openrouter-ts/helpers' shows which endpoints of ${model ?? 'the model'} support what.]`;
  }
}
