// Reads what a rejected fetch says about the request: whether it was a network failure at all, and
// if so whether it proves that nothing reached the server (so that even a POST may be sent again).

/**
 * `not-sent`: the connection never opened (refused, DNS, connect timeout, TLS handshake), so the
 * server cannot have seen the request. `maybe-sent`: a network failure after which the request may
 * have arrived (a reset, a socket closed, or a runtime that does not say). `not-network`: the
 * provided fetch threw something that is not a network failure (a bug in it, a custom Error).
 */
export type FetchFailureKind = 'not-sent' | 'maybe-sent' | 'not-network';

export interface FetchFailure {
  kind: FetchFailureKind;
  /** The system or library error code found on the error or its causes (`ECONNREFUSED`), if any. */
  code: string | undefined;
}

/**
 * Codes that mean the request was never written: refused, DNS, unreachable, connect timeout, and TLS
 * (the handshake comes before the request: EPROTO, ERR_TLS_*, ERR_SSL_*, certificate codes). Node's
 * undici puts them on `error.cause.code` (`TypeError('fetch failed')`), node-fetch v2 on the
 * `FetchError` itself; Bun uses its own names (ConnectionRefused, FailedToOpenSocket).
 */
const NOT_SENT_CODE =
  /^(ECONNREFUSED|ENOTFOUND|EAI_(AGAIN|NONAME|NODATA)|ENETUNREACH|EHOSTUNREACH|EADDRNOTAVAIL|UND_ERR_CONNECT_TIMEOUT|ConnectionRefused|FailedToOpenSocket|EPROTO|ERR_(TLS|SSL)_\w+|\w*CERT\w*|UNABLE_TO_\w+)$/;

/** Other codes of network failures, after which the request may have reached the server. */
const MAYBE_SENT_CODE = /^(E[A-Z]+|UND_ERR_[A-Z_]+|ERR_STREAM_PREMATURE_CLOSE|ConnectionClosed)$/;

/**
 * Messages runtimes give a network failure without a code: undici ("fetch failed"), Chrome ("Failed
 * to fetch"), Firefox ("NetworkError when attempting to fetch resource."), Safari ("Load failed",
 * "The network connection was lost."), Deno ("error sending request ..."), workerd ("Network
 * connection lost."), whatwg-fetch and React Native ("Network request failed"), undici's "terminated".
 */
const NETWORK_MESSAGE =
  /^(fetch failed|failed to fetch|networkerror when attempting to fetch resource|load failed|network request failed|terminated|error sending request|the network connection was lost|network connection lost)/i;

export function classifyFetchFailure(error: unknown): FetchFailure {
  const code = errorCode(error);
  if (code !== undefined && NOT_SENT_CODE.test(code)) return { kind: 'not-sent', code };
  if (code !== undefined && MAYBE_SENT_CODE.test(code)) return { kind: 'maybe-sent', code };
  // Deno gives no code, but names the phase: "error sending request ...: client error (Connect): ...".
  if (causeMessages(error).some((message) => message.includes('client error (Connect)'))) {
    return { kind: 'not-sent', code: undefined };
  }
  if (error instanceof Error && (error.name === 'FetchError' || NETWORK_MESSAGE.test(error.message))) {
    return { kind: 'maybe-sent', code };
  }
  return { kind: 'not-network', code: undefined };
}

function causeMessages(error: unknown): string[] {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    messages.push(current.message);
    current = current.cause;
  }
  return messages;
}

/** The first string `code` on the error or its `cause` chain (undici nests it one or two levels down). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && /^[A-Za-z0-9_]{2,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
