// The local OpenRouter stand-in, run in its own process (child_process.fork) so that its CPU time
// is not the client's. It answers on 127.0.0.1 with pre-rendered bodies and reports its port to
// the parent over IPC. A streamed chat answers with `max_tokens` chunks, a streamed Responses API
// request (POST /responses) with `max_output_tokens` events (default 2,000 each).
import { createServer } from 'node:http';
import { chatBody, endpointsBody, modelsBody, responsesStreamParts, streamParts } from './bodies.mjs';

const json = (text) => Buffer.from(text);
const MODELS = json(modelsBody(350));
const ENDPOINTS = json(endpointsBody(8));
const CHAT = json(chatBody());
const streams = new Map(); // "renderer chunk-count" -> parts, rendered once

const ENDPOINTS_PATH = /^\/api\/v1\/models\/[^/]+\/[^/]+\/endpoints$/;

function sendJson(res, body) {
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': body.length,
    'x-generation-id': 'gen-bench',
  });
  res.end(body);
}

async function sendStream(res, n, render) {
  const key = `${render.name} ${n}`;
  let parts = streams.get(key);
  if (parts === undefined) {
    parts = render(n);
    if (n <= 10_000) streams.set(key, parts);
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-generation-id': 'gen-bench',
  });
  for (const part of parts) {
    if (res.destroyed) return;
    if (!res.write(part)) {
      await new Promise((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  res.end();
}

const server = createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (req.method === 'GET' && path === '/api/v1/models') return sendJson(res, MODELS);
  if (req.method === 'GET' && ENDPOINTS_PATH.test(path)) return sendJson(res, ENDPOINTS);
  const chat = path === '/api/v1/chat/completions';
  if (req.method === 'POST' && (chat || path === '/api/v1/responses')) {
    const pieces = [];
    req.on('data', (piece) => pieces.push(piece));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(pieces).toString());
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":{"code":400,"message":"body is not JSON"}}');
        return;
      }
      if (body.stream !== true && chat) sendJson(res, CHAT);
      else if (body.stream !== true) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":{"code":400,"message":"only streamed responses are served here"}}');
      } else if (chat) sendStream(res, Number(body.max_tokens) || 2000, streamParts).catch(() => res.destroy());
      else sendStream(res, Number(body.max_output_tokens) || 2000, responsesStreamParts).catch(() => res.destroy());
    });
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end('{"error":{"code":404,"message":"Not Found"}}');
});
server.keepAliveTimeout = 60_000;
let connections = 0;
server.on('connection', () => connections++);
// Asked over IPC: how many TCP connections clients have opened (a client that cannot reuse its
// connection pays a new handshake per call).
process.on('message', (message) => {
  if (message === 'connections') process.send({ connections });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const baseURL = `http://127.0.0.1:${port}/api/v1`;
  if (process.send) process.send({ baseURL });
  else console.log(baseURL);
});
process.on('disconnect', () => process.exit(0));
