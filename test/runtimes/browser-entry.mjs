// The browser page's script: runs checks.mjs against the server that served the page (the mock
// server serves both, so there is no cross-origin request) and leaves the report on `window`.
import { formatReport, runChecks } from './checks.mjs';

const results = await runChecks(`${location.origin}/api/v1`);
window.openRouterRuntimeReport = { text: formatReport(results), failed: results.some((result) => !result.ok) };
