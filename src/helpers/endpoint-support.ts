// "Will this request find an endpoint?": OpenRouter answers 404 "No endpoints found that support
// tool use" when no endpoint of the model lists a parameter of the request in its
// `supported_parameters`. This says which parameters that is, and which endpoints take the rest.
import { OpenRouterError } from '../core/errors';

/** The endpoint fields read here; the generated endpoint type (and plain JSON) is assignable. */
export interface SupportingEndpointLike {
  supported_parameters?: readonly string[] | null;
}

/** The model as `GET /models/{author}/{slug}/endpoints` describes it (its `data`). */
export interface ModelEndpointsLike<E extends SupportingEndpointLike> {
  endpoints: readonly E[];
  architecture?: { input_modalities?: readonly string[] | null } | null;
}

export interface EndpointSupport<E> {
  /** The request's parameters as endpoints name them (`tools`, `max_tokens`, `structured_outputs`, `image input`, ...). */
  requested: string[];
  /** Requested parameters that no endpoint supports: with them the request finds no endpoint. */
  unsupported: string[];
  /** The endpoints that support every requested parameter except the `unsupported` ones. */
  endpoints: E[];
  /** True when some endpoint supports every requested parameter. */
  routable: boolean;
}

/** Parameters endpoints list in `supported_parameters` (the live API's vocabulary); any an endpoint lists counts too. */
const KNOWN = [
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_tokens',
  'temperature',
  'top_p',
  'top_k',
  'top_a',
  'min_p',
  'stop',
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'repetition_penalty',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'reasoning',
  'include_reasoning',
  'response_format',
  'structured_outputs',
  'web_search_options',
  'verbosity',
];

/** Request fields written under another name in `supported_parameters`. */
const ALIASES: Record<string, string> = {
  max_completion_tokens: 'max_tokens',
  max_output_tokens: 'max_tokens',
  reasoning_effort: 'reasoning',
};

/** Content part types and the input modality they need. */
const MEDIA: Record<string, string> = {
  image_url: 'image',
  input_image: 'image',
  input_audio: 'audio',
  file: 'file',
  input_file: 'file',
  video_url: 'video',
};

/**
 * Which parameters of `request` no endpoint of the model supports, and which endpoints support the
 * rest. `model` is the `data` of `client.models.endpoints(id)` (its input modalities are checked
 * too), or just its `endpoints`. A `response_format` of type `json_schema` needs `structured_outputs`.
 *
 * @example
 * const { data } = await client.models.endpoints('deepseek/deepseek-chat-v3.1');
 * const { unsupported, endpoints } = explainEndpointSupport(request, data);
 */
export function explainEndpointSupport<E extends SupportingEndpointLike>(
  request: object,
  model: readonly E[] | ModelEndpointsLike<E>,
): EndpointSupport<E> {
  const endpoints = Array.isArray(model) ? (model as readonly E[]) : (model as ModelEndpointsLike<E>)?.endpoints;
  if (!Array.isArray(endpoints) || typeof request !== 'object' || request === null) {
    throw new OpenRouterError(
      'explainEndpointSupport(request, model): give the request object and the endpoints (or the `data` of client.models.endpoints()).',
    );
  }
  const lists = endpoints.map((endpoint) =>
    Array.isArray(endpoint.supported_parameters) ? endpoint.supported_parameters : [],
  );
  const vocabulary = new Set([...KNOWN, ...lists.flat()]);
  const requested = requestedParameters(request as Record<string, unknown>, vocabulary);
  const modalities = Array.isArray(model) ? undefined : (model as ModelEndpointsLike<E>).architecture?.input_modalities;
  const media = mediaOf(request as Record<string, unknown>);
  const unsupported = requested.filter((parameter) => !lists.some((list) => list.includes(parameter)));
  for (const modality of media) {
    const input = `${modality} input`;
    requested.push(input);
    if (Array.isArray(modalities) && !modalities.includes(modality)) unsupported.push(input);
  }
  const needed = requested.filter((parameter) => !unsupported.includes(parameter) && !parameter.endsWith(' input'));
  const supporting = endpoints.filter((_, i) => needed.every((parameter) => lists[i]?.includes(parameter)));
  return { requested, unsupported, endpoints: supporting, routable: unsupported.length === 0 && supporting.length > 0 };
}

function requestedParameters(request: Record<string, unknown>, vocabulary: Set<string>): string[] {
  const found = new Set<string>();
  for (const [field, value] of Object.entries(request)) {
    if (value === undefined || value === null) continue;
    const name = ALIASES[field] ?? field;
    if (name === 'response_format') {
      found.add((value as { type?: unknown }).type === 'json_schema' ? 'structured_outputs' : 'response_format');
    } else if (vocabulary.has(name)) {
      found.add(name);
    }
  }
  return [...found];
}

/** The input modalities the messages (or Responses `input`) use beyond text. */
function mediaOf(request: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const messages = request.messages ?? request.input;
  if (!Array.isArray(messages)) return [];
  for (const message of messages) {
    const content = (message as { content?: unknown } | null)?.content;
    if (!Array.isArray(content)) continue;
    for (const part of content) {
      const modality = MEDIA[(part as { type?: string } | null)?.type ?? ''];
      if (modality !== undefined) found.add(modality);
    }
  }
  return [...found];
}
