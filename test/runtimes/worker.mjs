// Runs checks.mjs as a Cloudflare Worker (workerd) or a Vercel edge function: a fetch to the worker
// with `?api=<base URL of the mock server>` runs the checks and answers the report as text.
import { formatReport, runChecks } from './checks.mjs';

export default {
  async fetch(request) {
    const baseURL = new URL(request.url).searchParams.get('api');
    if (!baseURL) return new Response('missing ?api=<base URL of the mock server>', { status: 400 });
    const results = await runChecks(baseURL);
    return new Response(formatReport(results), {
      status: results.every((result) => result.ok) ? 200 : 500,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  },
};
