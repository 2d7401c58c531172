// App attribution as OpenRouter documents it: HTTP-Referer (the app's URL), X-OpenRouter-Title
// (its name; the legacy X-Title is sent too, for older routers) and X-OpenRouter-Categories
// (comma-separated). Each falls back to the environment variable OpenRouter's own SDK reads.
import type { HeadersInit } from '../core/options';
import { readEnv } from './runtime';

export interface AttributionOptions {
  appUrl?: string | undefined;
  appTitle?: string | undefined;
  appCategories?: string | readonly string[] | undefined;
}

/** The attribution headers of `options`, with `OPENROUTER_HTTP_REFERER`, `_APP_TITLE`, `_APP_CATEGORIES` as defaults. */
export function attributionHeaders(options: AttributionOptions): HeadersInit {
  const url = options.appUrl ?? readEnv('OPENROUTER_HTTP_REFERER');
  const title = options.appTitle ?? readEnv('OPENROUTER_APP_TITLE');
  const given = options.appCategories ?? readEnv('OPENROUTER_APP_CATEGORIES');
  const categories = (typeof given === 'string' ? given.split(',') : (given ?? []))
    .map((category) => category.trim())
    .filter(Boolean)
    .join(',');
  const headers: HeadersInit = {};
  if (url) headers['HTTP-Referer'] = url;
  if (title) {
    headers['X-OpenRouter-Title'] = title;
    headers['X-Title'] = title;
  }
  if (categories) headers['X-OpenRouter-Categories'] = categories;
  return headers;
}
