// "No endpoints found that support tool use": OpenRouter's 404 when no endpoint of the model takes
// a parameter of the request. The client knows the request, so it can say which of its fields asked
// for the missing feature, without another request.
import type { NotFoundError } from './errors';

/** What a "No endpoints found that support ..." 404 is about. */
export interface NoEndpoints {
  /** What the message says is missing: `'tool use'`, `'image input'`, `'response_format'`, ... */
  feature: string;
  /** The fields of the request that ask for it (`tools`, `tool_choice`, `messages[0].content[1]` for an image, ...). */
  parameters: string[];
  /** The request's `model` (or `models`), to look up with `client.models.endpoints(model)`. */
  model: string | undefined;
}

const NO_ENDPOINTS = /no endpoints found (?:that (?:support|can handle)|matching) ([^.]+)/i;

/** Request fields per feature word in the message; a field named in the message counts too. */
const FIELDS: [RegExp, string[]][] = [
  [/tool/i, ['tools', 'tool_choice', 'parallel_tool_calls']],
  [/response.format|structured|json/i, ['response_format', 'structured_outputs']],
  [/reasoning/i, ['reasoning', 'include_reasoning', 'reasoning_effort']],
  [/output modalit/i, ['modalities']],
];

/** Adds `noEndpoints` (and a sentence to the message) to a "No endpoints found ..." 404 of `body`. */
export function explainNoEndpoints(error: NotFoundError, body: unknown): void {
  const feature = NO_ENDPOINTS.exec(error.message)?.[1]?.trim();
  if (feature === undefined || typeof body !== 'object' || body === null) return;
  const request = body as Record<string, unknown>;
  const named = FIELDS.find(([pattern]) => pattern.test(feature))?.[1] ?? [];
  const parameters = Object.keys(request).filter(
    (field) => request[field] != null && (named.includes(field) || new RegExp(`\\b${field}\\b`).test(feature)),
  );
  if (/image|audio|video|file|pdf/i.test(feature)) parameters.push(...mediaParts(request.messages ?? request.input));
  if (/requested parameters|require/i.test(feature)) parameters.push('provider.require_parameters');
  const models = request.models;
  const model =
    typeof request.model === 'string' ? request.model : Array.isArray(models) ? models.join(', ') : undefined;
  error.noEndpoints = { feature, parameters, model };
  if (parameters.length > 0) {
    error.message += ` [The request asks for ${feature} with: ${parameters.join(', ')}. explainEndpointSupport() from 'openrouter-ts/helpers' shows which endpoints of ${model ?? 'the model'} support what.]`;
  }
}

/** `messages[i].content[j]` for each content part that is not text. */
function mediaParts(messages: unknown): string[] {
  const found: string[] = [];
  if (!Array.isArray(messages)) return found;
  messages.forEach((message, i) => {
    const content = (message as { content?: unknown } | null)?.content;
    if (!Array.isArray(content)) return;
    content.forEach((part, j) => {
      const type = (part as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && !type.includes('text')) found.push(`messages[${i}].content[${j}]`);
    });
  });
  return found;
}
