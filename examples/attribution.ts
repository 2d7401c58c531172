// App attribution on openrouter.ai: HTTP-Referer, X-OpenRouter-Title (and the legacy X-Title),
// X-OpenRouter-Categories. Each can also come from OPENROUTER_HTTP_REFERER, OPENROUTER_APP_TITLE and
// OPENROUTER_APP_CATEGORIES.
import { OpenRouter } from '../src/index';

const client = new OpenRouter({
  appUrl: 'https://example.com/my-app',
  appTitle: 'My App',
  appCategories: ['cli-agent', 'programming'],
  // Only to print what is sent: any fetch can be passed.
  fetch: (input, init) => {
    const headers = new Headers(init?.headers);
    for (const name of ['http-referer', 'x-openrouter-title', 'x-title', 'x-openrouter-categories']) {
      console.log(`  ${name}: ${headers.get(name)}`);
    }
    return fetch(input, init);
  },
});
const { data } = await client.providers.list();
console.log(`${data.length} providers listed`);
