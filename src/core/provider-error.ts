// The upstream provider's own error inside an OpenRouter error: `metadata.provider_name`, and
// `metadata.raw`, which is what the provider answered, often its JSON serialized as a string.

/** What the provider said, as far as the error carries it. */
export interface ProviderError {
  /** `metadata.provider_name` ("Azure", "Google", ...), when given. */
  name: string | undefined;
  /** `metadata.raw` as sent (usually a string). */
  raw: unknown;
  /** `raw` parsed when it is JSON text; `raw` itself when it is already an object; else `undefined`. */
  error: unknown;
  /** The provider's HTTP status, when its error states one (`code: 429`, `status: 400`, ...). */
  status: number | undefined;
  /** The provider's message: its error's `message` (or `error` text), else `raw` when it is plain text. */
  message: string | undefined;
}

/** The provider's error in an error's `metadata`; `undefined` when there is neither a provider name nor a `raw`. */
export function providerError(metadata: Record<string, unknown> | undefined): ProviderError | undefined {
  if (metadata === undefined) return undefined;
  const { provider_name: name, raw } = metadata;
  if (typeof name !== 'string' && raw == null) return undefined;
  const error = typeof raw === 'string' ? parseJson(raw) : typeof raw === 'object' && raw !== null ? raw : undefined;
  // The provider's own error object, when it wraps one: `{ error: { message, code } }`.
  const inner = field(error, 'error');
  const body = typeof inner === 'object' && inner !== null ? inner : error;
  const message = text(field(body, 'message')) ?? text(inner) ?? text(field(error, 'message'));
  return {
    name: typeof name === 'string' ? name : undefined,
    raw,
    error,
    status: [field(body, 'code'), field(body, 'status'), field(error, 'status'), field(error, 'code')]
      .map(asStatus)
      .find((status) => status !== undefined),
    message: message ?? (error === undefined && typeof raw === 'string' && raw !== '' ? raw : undefined),
  };
}

function parseJson(raw: string): unknown {
  const start = raw.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An HTTP status (100..599) written as a number or a numeric string. */
function asStatus(value: unknown): number | undefined {
  const status = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599 ? status : undefined;
}
