import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpenRouterError } from '../../../src/core/errors';
import { formatModelId, isModelId, parseModelId } from '../../../src/helpers/model-id';

const EXPECTED_FORM = /expected "author\/slug" or "author\/slug:variant"/;

// Throws, and the error is an OpenRouterError whose message matches every pattern given.
function expectRejected(value: string, ...patterns: RegExp[]): void {
  let caught: unknown;
  try {
    parseModelId(value);
  } catch (error) {
    caught = error;
  }
  expect(caught, `parseModelId(${JSON.stringify(value)}) should throw`).toBeInstanceOf(OpenRouterError);
  const message = (caught as Error).message;
  expect(message).toMatch(EXPECTED_FORM);
  for (const pattern of patterns) expect(message).toMatch(pattern);
}

describe('parseModelId', () => {
  it.each([
    ['openai/gpt-4', { author: 'openai', slug: 'gpt-4', variant: undefined }],
    ['openai/gpt-4:free', { author: 'openai', slug: 'gpt-4:free', variant: 'free' }],
    [
      'meta-llama/llama-3.1-8b-instruct:nitro',
      { author: 'meta-llama', slug: 'llama-3.1-8b-instruct:nitro', variant: 'nitro' },
    ],
    ['~anthropic/claude-sonnet-latest', { author: '~anthropic', slug: 'claude-sonnet-latest', variant: undefined }],
    ['eleutherai/llemma_7b', { author: 'eleutherai', slug: 'llemma_7b', variant: undefined }],
    ['Qwen/Qwen2.5-72B', { author: 'Qwen', slug: 'Qwen2.5-72B', variant: undefined }],
    ['a/b', { author: 'a', slug: 'b', variant: undefined }],
    ['a/...', { author: 'a', slug: '...', variant: undefined }],
  ])('parses %s', (id, expected) => {
    expect(parseModelId(id)).toEqual(expected);
  });

  it('returns the slug with its variant, ready for the endpoints path', () => {
    const { author, slug } = parseModelId('deepseek/deepseek-chat-v3.1:free');
    expect(`/models/${author}/${slug}/endpoints`).toBe('/models/deepseek/deepseek-chat-v3.1:free/endpoints');
  });

  it.each([
    ['', /Invalid model id "": it is empty/],
    ['gpt-4', /Invalid model id "gpt-4": it has no "\/" between author and slug/],
    ['a/b/c', /Invalid model id "a\/b\/c": it has more than one "\/"/],
    [' openai/gpt-4', /Invalid model id " openai\/gpt-4": it contains whitespace/],
    ['openai/gpt-4 ', /Invalid model id "openai\/gpt-4 ": it contains whitespace/],
    ['openai/gpt 4', /it contains whitespace/],
    ['openai/gpt-4\t', /Invalid model id "openai\/gpt-4\\t": it contains whitespace/],
    ['openai/gpt-4\u00a0', /it contains whitespace/],
    ['openai/gpt-4\u0000', /Invalid model id "openai\/gpt-4\\u0000": it contains a control character/],
    ['openai/gpt\u007f', /it contains a control character/],
    ['openai/gpt\u0085', /it contains a control character/],
    ['/gpt-4', /the author \(before "\/"\) is empty/],
    ['openai/', /the slug \(after "\/"\) is empty/],
    ['/', /the author \(before "\/"\) is empty/],
    ['../gpt-4', /the author is "\.\."/],
    ['./gpt-4', /the author is "\."/],
    ['openai/..', /the slug is "\.\."/],
    ['openai/.', /the slug is "\."/],
    ['openai/..:free', /the slug is "\.\."/],
    ['openai/gpt-4:..', /the variant is "\.\."/],
    ['openai/gpt-4?x=1', /the slug contains "\?" \(allowed: letters, digits, "-", "\.", "_" and "~"\)/],
    ['openai/gpt-4#top', /the slug contains "#"/],
    ['openai/gpt%2F4', /the slug contains "%"/],
    ['open\\ai/gpt-4', /the author contains "\\\\"/],
    ['openai/gpt-4:free:nitro', /it has more than one ":"/],
    ['openai/gpt-4:', /the variant after ":" is empty/],
    ['openai/:free', /the slug before ":" is empty/],
    ['open:ai/gpt-4', /the author contains ":"/],
    ['openai/gpt-4:fr?ee', /the variant contains "\?"/],
    ['openai/gpt-4é', /the slug contains "é"/],
  ])('rejects %j', (value, pattern) => {
    expectRejected(value, pattern);
  });

  it('shortens very long values in the message', () => {
    const value = `a/${'b'.repeat(500)}?`;
    expectRejected(value, /the slug contains "\?"/);
    expect(() => parseModelId(value)).toThrow(/"a\/b{98}…"/);
  });

  it('rejects non-strings with an OpenRouterError naming the type', () => {
    expect(() => parseModelId(42 as unknown as string)).toThrow(OpenRouterError);
    expect(() => parseModelId(42 as unknown as string)).toThrow(/Invalid model id: expected a string, got number/);
    expect(() => parseModelId(null as unknown as string)).toThrow(/got null/);
  });
});

describe('formatModelId', () => {
  it('joins author and slug', () => {
    expect(formatModelId({ author: 'openai', slug: 'gpt-4o' })).toBe('openai/gpt-4o');
  });

  it('appends a variant the slug does not have', () => {
    expect(formatModelId({ author: 'openai', slug: 'gpt-4o', variant: 'free' })).toBe('openai/gpt-4o:free');
  });

  it('does not append the variant twice when the slug already carries it', () => {
    expect(formatModelId(parseModelId('openai/gpt-4o:free'))).toBe('openai/gpt-4o:free');
    expect(formatModelId({ author: 'openai', slug: 'gpt-4o:free', variant: 'free' })).toBe('openai/gpt-4o:free');
  });

  it('rejects a slug whose variant disagrees with the variant given', () => {
    expect(() => formatModelId({ author: 'openai', slug: 'gpt-4o:free', variant: 'nitro' })).toThrow(
      /Cannot format model id: slug "gpt-4o:free" already has a variant other than "nitro"/,
    );
  });

  it('rejects parts that do not make a valid id', () => {
    expect(() => formatModelId({ author: 'open/ai', slug: 'gpt-4o' })).toThrow(/it has more than one "\/"/);
    expect(() => formatModelId({ author: '', slug: 'gpt-4o' })).toThrow(/the author \(before "\/"\) is empty/);
    expect(() => formatModelId({ author: 'openai', slug: 'gpt-4o', variant: '' })).toThrow(
      /the variant after ":" is empty/,
    );
  });
});

describe('isModelId', () => {
  it('accepts valid ids and rejects the rest without throwing', () => {
    expect(isModelId('openai/gpt-4o:free')).toBe(true);
    expect(isModelId('gpt-4o')).toBe(false);
    expect(isModelId(' openai/gpt-4o')).toBe(false);
    expect(isModelId(undefined)).toBe(false);
    expect(isModelId(42)).toBe(false);
    expect(isModelId({ author: 'openai', slug: 'gpt-4o' })).toBe(false);
  });

  it('narrows unknown values to string', () => {
    const value: unknown = 'openai/gpt-4o';
    if (isModelId(value)) expect(value.toUpperCase()).toBe('OPENAI/GPT-4O');
    else expect.unreachable();
  });
});

describe('model id properties', () => {
  const allowed = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~';
  const segment = fc
    .string({ unit: fc.constantFrom(...allowed), minLength: 1, maxLength: 20 })
    .filter((value) => value !== '.' && value !== '..');
  const validId = fc
    .tuple(segment, segment, fc.option(segment, { nil: undefined }))
    .map(([author, slug, variant]) => (variant === undefined ? `${author}/${slug}` : `${author}/${slug}:${variant}`));

  // An independent statement of the grammar, to check parseModelId against.
  function isValidByGrammar(value: string): boolean {
    const match = /^([A-Za-z0-9._~-]+)\/([A-Za-z0-9._~-]+)(?::([A-Za-z0-9._~-]+))?$/.exec(value);
    if (match === null) return false;
    return match.slice(1).every((part) => part === undefined || (part !== '.' && part !== '..'));
  }

  it('formatModelId(parseModelId(id)) === id for generated valid ids', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const parts = parseModelId(id);
        expect(formatModelId(parts)).toBe(id);
        expect(`${parts.author}/${parts.slug}`).toBe(id);
        expect(parts.variant === undefined ? !parts.slug.includes(':') : parts.slug.endsWith(`:${parts.variant}`)).toBe(
          true,
        );
        expect(isModelId(id)).toBe(true);
      }),
    );
  });

  // A valid id broken in one place: a character that is forbidden anywhere (a second "/" included)
  // inserted, a dot segment, or a part emptied.
  const forbidden = fc.constantFrom(
    ' ',
    '\t',
    '\n',
    '\u0000',
    '\u001f',
    '\u007f',
    '?',
    '#',
    '%',
    '\\',
    '/',
    '@',
    '+',
    '&',
    '=',
    '"',
    '\u00e9',
    '\u2028',
    '\ud83d\ude00',
  );
  const brokenId = fc.oneof(
    fc.tuple(validId, forbidden, fc.nat()).map(([id, character, position]) => {
      const at = position % (id.length + 1);
      return id.slice(0, at) + character + id.slice(at);
    }),
    fc
      .tuple(segment, fc.constantFrom('.', '..'), fc.boolean())
      .map(([other, dots, dotsFirst]) => (dotsFirst ? `${dots}/${other}` : `${other}/${dots}`)),
    segment,
    segment.map((value) => `${value}/`),
    segment.map((value) => `/${value}`),
    segment.map((value) => `${value}/${value}:`),
    fc.constant(''),
  );

  it('generated invalid ids always throw OpenRouterError, never anything else', () => {
    fc.assert(
      fc.property(brokenId, (id) => {
        expect(() => parseModelId(id)).toThrow(OpenRouterError);
        expect(() => parseModelId(id)).toThrow(EXPECTED_FORM);
        expect(isModelId(id)).toBe(false);
      }),
    );
  });

  it('any string either parses (and fits the grammar) or throws OpenRouterError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), validId), (value) => {
        let error: unknown;
        try {
          parseModelId(value);
        } catch (caught) {
          error = caught;
        }
        if (error === undefined) expect(isValidByGrammar(value)).toBe(true);
        else {
          expect(error).toBeInstanceOf(OpenRouterError);
          expect(isValidByGrammar(value)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
