// What the SDK logs, at which level, and through which logger: off unless asked for, and never the
// API key (every line and value goes through the redaction of the call's secrets).
import { OpenRouterError } from '../core/errors';
import { knownSecretList, redactValue } from './redact';
import { readEnv } from './runtime';

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Where log lines go; `console` fits. Each method gets a message and a record of details. */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

const LEVELS: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

/** The level from the client option, else env `OPENROUTER_LOG` (ignored when it is not a level), else `off`. */
export function resolveLogLevel(option: unknown): LogLevel {
  if (option !== undefined) {
    if (!LEVELS.includes(option as LogLevel)) {
      throw new OpenRouterError(`logLevel must be one of ${LEVELS.join(', ')}; got ${JSON.stringify(option)}.`);
    }
    return option as LogLevel;
  }
  const fromEnv = readEnv('OPENROUTER_LOG')?.toLowerCase();
  return LEVELS.includes(fromEnv as LogLevel) ? (fromEnv as LogLevel) : 'off';
}

export function checkLogger(value: unknown): Logger | undefined {
  if (value === undefined) return undefined;
  const methods = ['debug', 'info', 'warn', 'error'] as const;
  if (typeof value !== 'object' || value === null || methods.some((m) => typeof (value as Logger)[m] !== 'function')) {
    throw new OpenRouterError('logger must be an object with debug, info, warn and error methods.');
  }
  return value as Logger;
}

/** A logger bound to a level: `enabled(level)` is cheap, so call sites skip building lines nobody reads. */
export class Log {
  readonly #rank: number;
  readonly #logger: Logger;

  constructor(level: LogLevel, logger: Logger = console) {
    this.#rank = LEVELS.indexOf(level);
    this.#logger = logger;
  }

  enabled(level: Exclude<LogLevel, 'off'>): boolean {
    return this.#rank >= LEVELS.indexOf(level);
  }

  /** Logs `message` and `details` with every secret redacted (string values, nested ones too). */
  write(
    level: Exclude<LogLevel, 'off'>,
    message: string,
    details: Record<string, unknown>,
    secrets: readonly string[],
  ): void {
    if (!this.enabled(level)) return;
    // The call's own secrets, and every key this process has sent (see redact.ts).
    const all = secrets.length === 0 ? knownSecretList() : [...secrets, ...knownSecretList()];
    try {
      this.#logger[level](redactValue(message, all) as string, redactValue(details, all) as Record<string, unknown>);
    } catch {
      // A failing logger must not fail the request.
    }
  }
}

export const SILENT = new Log('off');
