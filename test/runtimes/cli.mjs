// Runs checks.mjs in a runtime with a command line (Node, Bun, Deno): the mock server's base URL is
// the first argument (an argument, not an environment variable: Deno may run without --allow-env).
// Prints the report; exits 1 when a check failed.
import { formatReport, runChecks } from './checks.mjs';

const args = globalThis.Deno?.args ?? globalThis.process?.argv.slice(2) ?? [];
const [baseURL] = args;
if (!baseURL) {
  console.error('usage: <runtime> cli.mjs <base URL of the mock server, e.g. http://127.0.0.1:1234/api/v1>');
  globalThis.Deno ? globalThis.Deno.exit(2) : globalThis.process.exit(2);
}
const results = await runChecks(baseURL);
console.log(formatReport(results));
const failed = results.some((result) => !result.ok);
if (globalThis.Deno) globalThis.Deno.exitCode = failed ? 1 : 0;
else globalThis.process.exitCode = failed ? 1 : 0;
