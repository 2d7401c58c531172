// A fetch the runtime itself refused (Deno without `--allow-net` for the host throws `NotCapable`,
// older Deno `PermissionDenied`): not a connection failure, so never retried, and reported as what
// it is.
import { OpenRouterError } from './errors';

const PERMISSION_ERROR_NAMES = new Set(['NotCapable', 'PermissionDenied']);

/** The error that replaces a runtime's permission refusal; undefined for any other error. */
export function permissionRefusal(error: unknown): OpenRouterError | undefined {
  if (!(error instanceof Error) || !PERMISSION_ERROR_NAMES.has(error.name)) return undefined;
  // Deno's message names the missing permission and the host ("Requires net access to ..."), never a header.
  return new OpenRouterError(
    `The runtime refused to send the request (${error.name}: no permission for network access): ${error.message}`,
    { cause: error },
  );
}
