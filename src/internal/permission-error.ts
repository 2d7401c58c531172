// A fetch the runtime itself refused (Deno without `--allow-net` for the host throws `NotCapable`,
// older Deno `PermissionDenied`): not a connection failure, so never retried, and reported as what
// it is.
import { OpenRouterError } from '../core/errors';

/** The error that replaces a runtime's permission refusal; undefined for any other error. */
export function permissionRefusal(error: unknown): OpenRouterError | undefined {
  const { name, message } = (error ?? {}) as Partial<Error>;
  // Deno's message names the missing permission and the host ("Requires net access to ..."), never a header.
  if (name === 'NotCapable' || name === 'PermissionDenied') {
    return new OpenRouterError(`${name}, no permission: ${message}`, { cause: error });
  }
}
