// Response bodies that are not what a JSON API promises: not JSON, HTML pages, empty, huge.
import { describe, expect, it } from 'vitest';
import { APIError, BadGatewayError, OpenRouterError } from '../../src/index';
import { clientFor, type FaultServer, useFaultServer } from './fault-server';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

const HTML_PAGE = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center>
${'<!-- padding -->\n'.repeat(40)}</body></html>`;

function answer(status: number, body: string | Buffer, contentType: string | undefined) {
  server.handle((_req, res) => {
    res.writeHead(status, {
      ...(contentType ? { 'content-type': contentType } : {}),
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(body);
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenRouterError);
  expect(error).not.toBeInstanceOf(SyntaxError);
  return error as Error;
}

describe('200 responses that are not JSON', () => {
  it('plain text: an OpenRouterError naming method, path, status, content type and the start of the body', async () => {
    answer(200, 'Service is up', 'text/plain');
    const error = await failure(clientFor(server).models.list());
    expect(error.message).toBe(
      'GET /api/v1/models answered 200 with a body that is not JSON (text/plain): Service is up',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('an HTML page (a captive portal, a proxy): same, the HTML shown shortened to 200 characters', async () => {
    answer(200, HTML_PAGE, 'text/html; charset=utf-8');
    const error = await failure(clientFor(server).providers.list());
    expect(error.message).toMatch(
      /^GET \/api\/v1\/providers answered 200 with a body that is not JSON \(text\/html; charset=utf-8\): <!DOCTYPE html> <html>/,
    );
    expect(error.message.length).toBeLessThan(400);
    expect(error.message.endsWith('…')).toBe(true);
  });

  it('an empty body: an OpenRouterError that says so', async () => {
    answer(200, '', 'application/json');
    const error = await failure(clientFor(server).keys.current());
    expect(error.message).toBe('GET /api/v1/key answered 200 with an empty body where JSON was expected.');
  });

  it('an empty body without Content-Length (chunked, zero bytes): same error', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end();
    });
    const error = await failure(clientFor(server).keys.current());
    expect(error.message).toBe('GET /api/v1/key answered 200 with an empty body where JSON was expected.');
  });

  it('204 No Content: an OpenRouterError (every operation promises JSON)', async () => {
    server.handle((_req, res) => res.writeHead(204).end());
    const error = await failure(clientFor(server).keys.delete('abc'));
    expect(error.message).toBe('DELETE /api/v1/keys/abc answered 204 with an empty body where JSON was expected.');
  });
});

describe('error statuses with non-JSON bodies', () => {
  it('an HTML 502 page: BadGatewayError, the HTML kept in `body`, the message shortened', async () => {
    answer(502, HTML_PAGE, 'text/html');
    const error = await failure(clientFor(server, { maxRetries: 0 }).models.list());
    expect(error).toBeInstanceOf(BadGatewayError);
    const apiError = error as APIError;
    expect(apiError.status).toBe(502);
    expect(apiError.body).toBe(HTML_PAGE);
    expect(apiError.code).toBeUndefined();
    expect(apiError.message).toBe(`502 ${HTML_PAGE.slice(0, 200)}`);
  });

  it('an empty 500: InternalServerError with "no error message"', async () => {
    answer(500, '', undefined);
    const error = await failure(clientFor(server, { maxRetries: 0 }).models.list());
    expect(error).toMatchObject({ name: 'InternalServerError', status: 500, message: '500 no error message' });
  });

  it('an unknown status (418) with a JSON body: a plain APIError', async () => {
    answer(418, JSON.stringify({ error: { code: 418, message: 'teapot' } }), 'application/json');
    const error = await failure(clientFor(server).models.list());
    expect(error.constructor).toBe(APIError);
    expect(error).toMatchObject({ status: 418, code: 418, message: '418 teapot', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('huge bodies', () => {
  it('20 MB of valid JSON is read and parsed', async () => {
    const item = { id: 'openai/gpt-4o', name: 'x'.repeat(1_000), pricing: { prompt: '0.000001' } };
    const data = Array.from({ length: 20_000 }, (_, i) => ({ ...item, id: `author/model-${i}` }));
    const text = JSON.stringify({ data });
    expect(text.length).toBeGreaterThan(20_000_000);
    answer(200, text, 'application/json');
    const result = await clientFor(server).models.list();
    expect(result.data).toHaveLength(20_000);
    expect(result.data[19_999]?.id).toBe('author/model-19999');
  });

  it('20 MB that is not JSON: a short, clear OpenRouterError (not the whole body in the message)', async () => {
    answer(200, Buffer.alloc(20_000_000, 'x'), 'application/octet-stream');
    const error = await failure(clientFor(server).models.list());
    expect(error.message).toBe(
      `GET /api/v1/models answered 200 with a body that is not JSON (application/octet-stream): ${'x'.repeat(200)}…`,
    );
  });
});
