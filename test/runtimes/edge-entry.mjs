// The edge runtime's entry: `@edge-runtime/vm` evaluates scripts, not modules, so checks.mjs is
// bundled into one script (esbuild, IIFE) that leaves its functions on globalThis for the host.
import { formatReport, runChecks } from './checks.mjs';

globalThis.openRouterRuntimeChecks = { formatReport, runChecks };
