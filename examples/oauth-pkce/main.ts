// The OAuth PKCE flow in a browser: the user signs in on openrouter.ai and this page gets an API key
// for them, without a server of its own and without ever holding a client secret.
//   1. Make a verifier and its S256 challenge; keep the verifier in sessionStorage.
//   2. Send the user to the authorization URL (openrouter.ai/auth?callback_url=...&code_challenge=...).
//   3. OpenRouter redirects back here with `?code=...`; trade the code and the verifier for a key.
// In an app, import from 'openrouter-ts' and 'openrouter-ts/helpers'; this example uses the sources.
import { buildAuthorizationUrl, createPkcePair } from '../../src/helpers/index';
import { APIError, OpenRouter } from '../../src/index';

/** Replaced at bundle time (esbuild `define`) to point the page at a mock; otherwise the real API. */
declare const __OPENROUTER_BASE_URL__: string | null | undefined;

const VERIFIER_KEY = 'openrouter-pkce-verifier';
const baseURL = typeof __OPENROUTER_BASE_URL__ === 'string' ? __OPENROUTER_BASE_URL__ : undefined;
// The code exchange needs no API key, so the client is made without one. A code works once: no retries.
const client = new OpenRouter({ baseURL, maxRetries: 0 });

const element = (id: string): HTMLElement => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found;
};
const show = (state: string, status: string) => {
  document.body.dataset.state = state;
  element('status').textContent = status;
};

/** Enough of the key to recognise it, never the whole secret. */
function maskKey(key: string): string {
  return key.length > 16 ? `${key.slice(0, 9)}…${key.slice(-4)}` : '•'.repeat(key.length);
}

async function startSignIn(): Promise<void> {
  const { verifier, challenge } = await createPkcePair();
  sessionStorage.setItem(VERIFIER_KEY, verifier);
  // OpenRouter sends the user back to this very page.
  const callbackUrl = `${location.origin}${location.pathname}`;
  const link = element('authorize') as HTMLAnchorElement;
  link.href = buildAuthorizationUrl({ callbackUrl, codeChallenge: challenge, codeChallengeMethod: 'S256' });
  link.hidden = false;
  show('ready', 'Sign in on openrouter.ai to give this page an API key.');
}

async function finishSignIn(code: string): Promise<void> {
  const verifier = sessionStorage.getItem(VERIFIER_KEY);
  if (!verifier) throw new Error('No PKCE verifier in this tab: start the sign-in again from this page.');
  show('exchanging', 'Exchanging the code for an API key…');
  const { key, user_id } = await client.oauth.exchangeAuthCode({
    code,
    code_verifier: verifier,
    code_challenge_method: 'S256',
  });
  // A verifier is good for one exchange; the code should not stay in the address bar either.
  sessionStorage.removeItem(VERIFIER_KEY);
  history.replaceState(null, '', location.pathname);
  element('key').textContent = maskKey(key);
  element('user-id').textContent = user_id ?? '(none)';
  element('result').hidden = false;
  show('signed-in', 'Signed in. A real app would now keep the key, for example in localStorage.');
}

async function main(): Promise<void> {
  const code = new URLSearchParams(location.search).get('code');
  try {
    await (code ? finishSignIn(code) : startSignIn());
  } catch (error) {
    const message = error instanceof APIError ? `OpenRouter answered ${error.status}: ${error.message}` : String(error);
    const box = element('error');
    box.textContent = message;
    box.hidden = false;
    show('error', 'Sign-in failed.');
  }
}

void main();
