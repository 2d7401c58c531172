// The errors of structured outputs and of the tool loop. All extend `OpenRouterError`.

import { OpenRouterError } from '../core/errors';
import { describeIssues, type SchemaIssue } from './standard-schema';

/**
 * The model's text is not what the schema asked for: not JSON (`kind: 'json'`), or JSON that the
 * schema rejects (`kind: 'schema'`, with the library's `issues`). `rawText` is the text as received.
 */
export class StructuredOutputParseError extends OpenRouterError {
  override name = 'StructuredOutputParseError';
  readonly kind: 'json' | 'schema';
  /** The text the model wrote (the message content, or a tool call's `arguments`). */
  readonly rawText: string;
  /** The schema's complaints (empty for `kind: 'json'`). */
  readonly issues: readonly SchemaIssue[];

  constructor(
    what: string,
    details: { kind: 'json' | 'schema'; rawText: string; issues?: readonly SchemaIssue[]; cause?: unknown },
  ) {
    const issues = details.issues ?? [];
    const reason =
      details.kind === 'json'
        ? `is not valid JSON${details.cause instanceof Error ? ` (${details.cause.message})` : ''}`
        : `does not match the schema: ${describeIssues(issues)}`;
    super(`${what} ${reason}. Text: ${preview(details.rawText)}`, { cause: details.cause });
    this.kind = details.kind;
    this.rawText = details.rawText;
    this.issues = issues;
  }
}

/** The answer was cut off by the token limit (`finish_reason: 'length'`), so it cannot be parsed. */
export class LengthFinishReasonError extends OpenRouterError {
  override name = 'LengthFinishReasonError';
  /** The completion (or Responses API response) that was cut off; its `usage` says what was billed. */
  readonly result: unknown;
  constructor(result: unknown) {
    super('The answer was cut off by the token limit (finish_reason "length"), so it cannot be parsed.');
    this.result = result;
  }
}

/** The provider's content filter stopped the answer (`finish_reason: 'content_filter'`). */
export class ContentFilterFinishReasonError extends OpenRouterError {
  override name = 'ContentFilterFinishReasonError';
  readonly result: unknown;
  constructor(result: unknown) {
    super('The answer was stopped by the content filter (finish_reason "content_filter"), so it cannot be parsed.');
    this.result = result;
  }
}

/**
 * `runTools` made `maxRounds` requests and the model still asked for tools. The tools of the last
 * round have run and their results are in `messages`, so the conversation can be resumed as it is.
 */
export class ToolRoundLimitError extends OpenRouterError {
  override name = 'ToolRoundLimitError';
  readonly rounds: number;
  /** The whole conversation, ending with the last round's tool results. */
  readonly messages: readonly unknown[];
  constructor(rounds: number, messages: readonly unknown[]) {
    super(
      `runTools: the model still asked for tools after ${rounds} round${rounds === 1 ? '' : 's'} (maxRounds); raise maxRounds or resume from error.messages.`,
    );
    this.rounds = rounds;
    this.messages = messages;
  }
}

function preview(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}...` : text);
}
