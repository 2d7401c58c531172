// Exact decimal arithmetic on bigints, so that money sums such as 0.0000003 × 2315 tokens come out
// exactly as the decimal strings the API sends, and a float error cannot flip a price comparison.
// Internal to the helpers: not part of the public API.

/** A decimal number `units / 10^scale`, held exactly. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

// Plain decimal notation with an optional exponent, as JSON and `String(number)` write numbers.
// Deliberately narrower than `Number()`: no hex, no "Infinity", no empty string meaning zero.
const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

// "1e999999999" would otherwise allocate a billion-digit bigint.
const MAX_EXPONENT = 400;

/** Parses `"0.000003"`, `"-1"`, `"3e-7"`; `undefined` for anything that is not a finite decimal. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (match === null) return undefined;
  const [, sign = '', integerDigits = '', fractionDigits = '', exponentText] = match;
  if (integerDigits === '' && fractionDigits === '') return undefined;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
  let units = BigInt(integerDigits + fractionDigits);
  if (sign === '-') units = -units;
  const scale = fractionDigits.length - exponent;
  return scale >= 0 ? { units, scale } : { units: units * 10n ** BigInt(-scale), scale: 0 };
}

/** The exact decimal a JavaScript number prints as (its shortest round-trip form); `undefined` for NaN and ±Infinity. */
export function decimalFromNumber(value: number): Decimal | undefined {
  return Number.isFinite(value) ? parseDecimal(String(value)) : undefined;
}

/** An integer (for example a token count) as a decimal. */
export function decimalFromInteger(value: number): Decimal {
  return { units: BigInt(value), scale: 0 };
}

export const ZERO: Decimal = { units: 0n, scale: 0 };
export const ONE: Decimal = { units: 1n, scale: 0 };

function withScale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** `a + b`, exactly. */
export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: withScale(a, scale) + withScale(b, scale), scale };
}

/** `a - b`, exactly. */
export function subtract(a: Decimal, b: Decimal): Decimal {
  return add(a, { units: -b.units, scale: b.scale });
}

/** `a × b`, exactly. */
export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** Negative, zero or positive as `a` is less than, equal to or greater than `b`. */
export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const difference = withScale(a, scale) - withScale(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** The nearest JavaScript number (one rounding, done by the engine's decimal-string parser). */
export function toNumber(value: Decimal): number {
  return Number(`${value.units}e-${value.scale}`);
}
