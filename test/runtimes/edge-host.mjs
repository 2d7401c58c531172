// Runs the bundled checks (edge-entry.mjs) inside Vercel's edge runtime (`@edge-runtime/vm`, on the
// system node): `node edge-host.mjs <path of @edge-runtime/vm> <bundle.js> <base URL>`.
// Prints the report the checks made inside the VM; exits 1 when a check failed.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const [vmPath, bundlePath, baseURL] = process.argv.slice(2);
if (!vmPath || !bundlePath || !baseURL) {
  console.error('usage: node edge-host.mjs <@edge-runtime/vm folder> <bundle.js> <base URL of the mock server>');
  process.exit(2);
}
const { EdgeVM } = await import(pathToFileURL(`${vmPath}/dist/index.js`).href);
const vm = new EdgeVM();
vm.evaluate(await readFile(bundlePath, 'utf8'));
const report = await vm.evaluate(
  `openRouterRuntimeChecks.runChecks(${JSON.stringify(baseURL)}).then((results) => ({
    text: openRouterRuntimeChecks.formatReport(results),
    failed: results.some((result) => !result.ok),
  }))`,
);
console.log(report.text);
process.exitCode = report.failed ? 1 : 0;
