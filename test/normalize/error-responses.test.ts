import { describe, expect, it } from 'vitest';
import { errorResponses, withOperation } from './support';

const { describeErrorResponses } = await errorResponses();

const errorBody = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } };

describe('describeErrorResponses', () => {
  it('gives `content: {}` error responses (page 003) the ErrorResponse body', () => {
    const doc = withOperation({
      responses: {
        '400': { description: 'Bad Request - Invalid request parameters', content: {} },
        '500': { description: 'Internal Server Error', content: {} },
      },
    });
    expect(describeErrorResponses(doc)).toEqual(
      withOperation({
        responses: {
          '400': { description: 'Bad Request - Invalid request parameters', content: errorBody },
          '500': { description: 'Internal Server Error', content: errorBody },
        },
      }),
    );
  });

  it('gives error responses without content, or with a media type without schema, the ErrorResponse body', () => {
    const doc = withOperation({
      responses: {
        '401': { description: 'Unauthorized' },
        '4XX': { description: 'Client error', content: { 'application/json': {} } },
      },
    });
    const responses = describeErrorResponses(doc).paths['/things'].get.responses;
    expect(responses['401']).toEqual({ description: 'Unauthorized', content: errorBody });
    expect(responses['4XX']).toEqual({ description: 'Client error', content: errorBody });
  });

  it('keeps error responses that already have a body schema, and leaves 2xx/3xx alone', () => {
    const own = { 'application/json': { schema: { $ref: '#/components/schemas/NotFoundResponse' } } };
    const responses = {
      '200': { description: 'OK', content: {} },
      '302': { description: 'Found' },
      '404': { description: 'Not Found', content: own },
    };
    const doc = withOperation({ responses: structuredClone(responses) });
    expect(describeErrorResponses(doc)).toEqual(withOperation({ responses }));
  });
});
