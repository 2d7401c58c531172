// Measure 6, one contestant per process: the peak resident set size over `calls` models.list calls
// (350 models, 480 KB each) made one after another, as the kernel's high-water mark (maxRSS), and
// the RSS before the first call (the client loaded). Prints one JSON object on stdout.
// argv: baseURL, sdkBundle, contestant, calls
import { load } from './contestants.mjs';

const [baseURL, sdkBundle, name, callsArg] = process.argv.slice(2);
const calls = Number(callsArg);
const client = await load(name, baseURL, sdkBundle);
const MB = 1024 * 1024;
const rssLoadedMB = process.memoryUsage.rss() / MB;
for (let i = 0; i < calls; i++) {
  const count = await client.models();
  if (count !== 350) throw new Error(`${name}: models.list gave ${count} models, expected 350`);
}
process.stdout.write(
  JSON.stringify({
    rssLoadedMB,
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
    endRssMB: process.memoryUsage.rss() / MB,
  }),
);
