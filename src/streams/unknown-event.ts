// The type of an event the SDK's types do not list, so a stream can deliver it without spoiling
// the narrowing of the events it does list.

declare const unknownEventType: unique symbol;

/**
 * The `type` of an event this SDK's types do not list (at run time, the event's type string:
 * `String(event.type)` gives it as a `string`). It is typed apart so that `event.type === 'x'`,
 * for a listed type `'x'`, narrows the event to the listed event alone: a plain `string` here
 * would keep this fallback in every branch, and with it `unknown` for every field.
 */
// biome-ignore lint/complexity/noBannedTypes: `string & ...` stays comparable to every literal and so spoils narrowing; the `String` object type does not
export type UnknownEventType = String & { readonly [unknownEventType]: true };

/** An event of a type the SDK does not know yet, delivered as it came. */
export interface UnknownStreamEvent {
  readonly type: UnknownEventType;
  readonly [field: string]: unknown;
}
