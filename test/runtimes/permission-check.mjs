// Deno run without --allow-net: the runtime refuses every fetch (`NotCapable`). The SDK must not
// retry that as a connection error, and must say it is a permission problem. Same report format as
// checks.mjs. `deno run --allow-read=. permission-check.mjs <base URL>`.
import { APIConnectionError, OpenRouter, OpenRouterError } from 'openrouter-ts';
import { formatReport } from './checks.mjs';

const NAME = 'fetch refused by the runtime: one attempt, an OpenRouterError naming it';
let attempts = 0;
const client = new OpenRouter({
  apiKey: 'sk-or-v1-runtime-checks',
  baseURL: Deno.args[0],
  maxRetries: 2,
  fetch: (input, init) => {
    attempts += 1;
    return fetch(input, init);
  },
});
let detail;
try {
  await client.models.list();
  detail = 'models.list resolved: the fetch was not refused (was --allow-net given?)';
} catch (error) {
  if (!(error instanceof OpenRouterError) || error instanceof APIConnectionError) {
    detail = `expected an OpenRouterError that is no APIConnectionError, got ${error?.name}: ${error?.message}`;
  } else if (!/permission/.test(error.message) || !/--allow-net/.test(error.message)) {
    detail = `the message does not name the permission problem: ${error.message}`;
  } else if (attempts !== 1) {
    detail = `expected 1 attempt, the SDK made ${attempts}`;
  }
}
const results = [detail === undefined ? { name: NAME, ok: true } : { name: NAME, ok: false, detail }];
console.log(formatReport(results));
Deno.exitCode = detail === undefined ? 0 : 1;
