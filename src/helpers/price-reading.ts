// Reads one price field the way the API writes it, keeping apart the cases the public helpers
// treat differently: absent, "-1" (variable), malformed, and a real price. Internal to the helpers.
import { type Decimal, decimalFromNumber, parseDecimal } from './decimal';

/** A price as the API sends it: a decimal string in USD ("0.000003"), sometimes a number. */
export type PriceValue = string | number | null | undefined;

/** What one price field holds. */
export type PriceReading =
  | { kind: 'absent' }
  /** Negative, as the "-1" of router models whose price depends on where the request lands. */
  | { kind: 'variable' }
  | { kind: 'invalid' }
  | { kind: 'price'; value: Decimal };

/** Classifies a raw price field; never throws. */
export function readPrice(raw: unknown): PriceReading {
  if (raw === undefined || raw === null) return { kind: 'absent' };
  if (typeof raw === 'string' && raw.trim() === '') return { kind: 'absent' };
  const value =
    typeof raw === 'string' ? parseDecimal(raw) : typeof raw === 'number' ? decimalFromNumber(raw) : undefined;
  if (value === undefined) return { kind: 'invalid' };
  if (value.units < 0n) return { kind: 'variable' };
  return { kind: 'price', value };
}
