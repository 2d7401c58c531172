import { describe, expect, it } from 'vitest';
import { authorizationHeader, withOperation } from './support';

const { removeAuthorizationHeader } = await authorizationHeader();

// As every page 003 operation declares it.
const authorization = {
  name: 'Authorization',
  in: 'header',
  description: 'API key as bearer token in Authorization header',
  required: true,
  schema: { type: 'string' },
};
const category = { name: 'category', in: 'query', required: false, schema: { type: 'string' } };

describe('removeAuthorizationHeader', () => {
  it('removes the Authorization header parameter and keeps the others', () => {
    const doc = withOperation({ parameters: [category, authorization], responses: {} });
    expect(removeAuthorizationHeader(doc)).toEqual(withOperation({ parameters: [category], responses: {} }));
  });

  it('removes the parameters list when Authorization was the only one', () => {
    const doc = withOperation({ parameters: [authorization], responses: {} }, 'post', '/keys');
    expect(removeAuthorizationHeader(doc)).toEqual(withOperation({ responses: {} }, 'post', '/keys'));
  });

  it('matches the name case-insensitively, in every operation', () => {
    const doc = {
      paths: {
        '/a': { get: { parameters: [{ ...authorization, name: 'authorization' }] } },
        '/b': { delete: { parameters: [{ ...authorization, name: 'AUTHORIZATION' }, category] } },
      },
    };
    expect(removeAuthorizationHeader(doc)).toEqual({
      paths: { '/a': { get: {} }, '/b': { delete: { parameters: [category] } } },
    });
  });

  it('keeps a query or path parameter that happens to be called authorization', () => {
    const query = { name: 'Authorization', in: 'query', schema: { type: 'string' } };
    const doc = withOperation({ parameters: [query] });
    expect(removeAuthorizationHeader(doc)).toEqual(withOperation({ parameters: [query] }));
  });
});
