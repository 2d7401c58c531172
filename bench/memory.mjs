// Measure 5, one contestant per process: consume one long stream and report the resident set
// size after the 1,000th chunk and after the last, plus the highest value sampled in between
// (every 1,000 chunks). Prints one JSON object on stdout.
// argv: baseURL, sdkBundle, contestant, chunks, [warm-up chunks, default 20,000]
import { load } from './contestants.mjs';

const [baseURL, sdkBundle, name, chunksArg] = process.argv.slice(2);
const chunks = Number(chunksArg);
const client = await load(name, baseURL, sdkBundle);

// A warm-up stream first: the first tens of thousands of chunks grow the runtime itself (V8's young
// generation from 1 to 8 MB and more, undici's parser memory, compiled code) by 15 to 30 MB in
// every client, raw fetch included. After it, growth between the 1,000th and the last chunk is
// what the client keeps, not what Node sizes up once.
const warmUp = Number(process.argv[6] ?? 20_000);
if (warmUp > 0 && (await client.stream(warmUp)) !== warmUp) throw new Error(`${name}: warm-up stream cut short`);
// Run with --expose-gc: the warm-up's garbage is collected before measuring, not during.
globalThis.gc?.();

const MB = 1024 * 1024;
let rssAt1k = 0;
let peakSampled = 0;
const count = await client.stream(chunks, (seen) => {
  if (seen % 1000 !== 0) return;
  const rss = process.memoryUsage.rss();
  if (rss > peakSampled) peakSampled = rss;
  if (seen === 1000) rssAt1k = rss;
});
const rssAtEnd = process.memoryUsage.rss();
if (count !== chunks) throw new Error(`${name}: ${count} chunks, expected ${chunks}`);
process.stdout.write(
  JSON.stringify({
    rssAt1kMB: rssAt1k / MB,
    rssAtEndMB: rssAtEnd / MB,
    peakSampledMB: Math.max(peakSampled, rssAtEnd) / MB,
    maxRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
  }),
);
