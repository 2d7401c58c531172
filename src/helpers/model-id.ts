import { OpenRouterError } from '../core/errors';

// Model ids go into URL paths (`/models/{author}/{slug}/endpoints`), so each part is held to the
// URL "unreserved" characters: letters, digits, "-", ".", "_", "~". Every id in the live model
// list fits (lowercase letters, digits, "-", ".", "_", plus ":" before a variant); uppercase and
// "~" (as in "~anthropic/claude-sonnet-latest") are allowed too so that newer ids still parse.
const ALLOWED_CHARACTERS = /^[A-Za-z0-9._~-]+$/;
/**
 * A whole id in one test (author, slug, optional variant, each of allowed characters): the
 * checks below, which name what is wrong, run only when it fails. Every model call takes this path.
 */
const WELL_FORMED = /^([A-Za-z0-9._~-]+)\/([A-Za-z0-9._~-]+)(?::([A-Za-z0-9._~-]+))?$/;
const EXPECTED_FORM =
  'expected "author/slug" or "author/slug:variant", for example "openai/gpt-4o" or "openai/gpt-4o:free"';
const ALLOWED_DESCRIPTION = 'letters, digits, "-", ".", "_" and "~"';
const MAX_SHOWN_LENGTH = 100;

/** The parts of a model id such as `openai/gpt-4o:free`. */
export interface ModelIdParts {
  /** The organisation before the slash: `openai`. */
  author: string;
  /**
   * Everything after the slash, variant included: `gpt-4o:free`. The API expects the variant here,
   * so `/models/${author}/${slug}/endpoints` is the right path.
   */
  slug: string;
  /** The suffix after `:` (`free`, `nitro`, `thinking`, ...), or `undefined`. Informational. */
  variant: string | undefined;
}

function describe(value: string): string {
  const shown = value.length > MAX_SHOWN_LENGTH ? `${value.slice(0, MAX_SHOWN_LENGTH)}…` : value;
  // JSON quoting makes spaces, tabs and control characters visible in the message.
  return JSON.stringify(shown);
}

function invalid(value: string, reason: string): OpenRouterError {
  return new OpenRouterError(`Invalid model id ${describe(value)}: ${reason}; ${EXPECTED_FORM}.`);
}

// Why the id is bad, in the order a reader would notice; `undefined` when it is fine.
function findProblem(id: string): string | undefined {
  const match = WELL_FORMED.exec(id);
  if (match !== null && !isDotSegment(match[1]) && !isDotSegment(match[2]) && !isDotSegment(match[3])) {
    return undefined;
  }
  if (id === '') return 'it is empty';
  if (/\s/.test(id)) return 'it contains whitespace';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(id)) return 'it contains a control character';
  const parts = id.split('/');
  if (parts.length === 1) return 'it has no "/" between author and slug';
  if (parts.length > 2) return 'it has more than one "/"';
  const [author = '', slug = ''] = parts;
  if (author === '') return 'the author (before "/") is empty';
  if (slug === '') return 'the slug (after "/") is empty';
  const slugParts = slug.split(':');
  if (slugParts.length > 2) return 'it has more than one ":"';
  const [baseSlug = '', variant] = slugParts;
  if (author.includes(':')) return 'the author contains ":"';
  if (baseSlug === '') return 'the slug before ":" is empty';
  if (variant === '') return 'the variant after ":" is empty';
  for (const [label, part] of [
    ['author', author],
    ['slug', baseSlug],
    ['variant', variant],
  ] as const) {
    if (part === undefined) continue;
    if (part === '.' || part === '..') return `the ${label} is "${part}"`;
    if (!ALLOWED_CHARACTERS.test(part)) {
      const bad = [...part].find((character) => !ALLOWED_CHARACTERS.test(character)) ?? '';
      return `the ${label} contains ${JSON.stringify(bad)} (allowed: ${ALLOWED_DESCRIPTION})`;
    }
  }
  return undefined;
}

function isDotSegment(part: string | undefined): boolean {
  return part === '.' || part === '..';
}

/**
 * Splits a model id into author, slug and variant, rejecting anything that is not a safe id.
 *
 * @example parseModelId('openai/gpt-4o:free') // { author: 'openai', slug: 'gpt-4o:free', variant: 'free' }
 * @throws {OpenRouterError} naming the bad value and the expected form.
 */
export function parseModelId(id: string): ModelIdParts {
  if (typeof id !== 'string') {
    throw new OpenRouterError(`Invalid model id: expected a string, got ${id === null ? 'null' : typeof id}.`);
  }
  const problem = findProblem(id);
  if (problem !== undefined) throw invalid(id, problem);
  const slash = id.indexOf('/');
  const slug = id.slice(slash + 1);
  const colon = slug.indexOf(':');
  return { author: id.slice(0, slash), slug, variant: colon === -1 ? undefined : slug.slice(colon + 1) };
}

/**
 * Joins parts back into a model id; the inverse of {@link parseModelId}.
 *
 * `slug` may already carry the variant (as `parseModelId` returns it); `variant` is appended only
 * when the slug does not already end with it.
 *
 * @example formatModelId({ author: 'openai', slug: 'gpt-4o', variant: 'free' }) // 'openai/gpt-4o:free'
 * @throws {OpenRouterError} when the result would not be a valid id, or `slug` carries a different variant.
 */
export function formatModelId(parts: { author: string; slug: string; variant?: string | undefined }): string {
  const { author, slug, variant } = parts;
  let fullSlug = slug;
  if (variant !== undefined) {
    const colon = slug.indexOf(':');
    if (colon === -1) {
      fullSlug = `${slug}:${variant}`;
    } else if (slug.slice(colon + 1) !== variant) {
      throw new OpenRouterError(
        `Cannot format model id: slug ${describe(slug)} already has a variant other than ${describe(variant)}.`,
      );
    }
  }
  const id = `${author}/${fullSlug}`;
  parseModelId(id);
  return id;
}

/** `true` when `value` is a string that {@link parseModelId} accepts. */
export function isModelId(value: unknown): value is string {
  return typeof value === 'string' && findProblem(value) === undefined;
}
