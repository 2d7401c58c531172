import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  decimalFromInteger,
  decimalFromNumber,
  multiply,
  parseDecimal,
  subtract,
  toNumber,
} from '../../../src/helpers/decimal';

describe('parseDecimal', () => {
  it.each([
    ['0.000003', 3n, 6],
    ['0', 0n, 0],
    ['-1', -1n, 0],
    ['12.50', 1250n, 2],
    ['3e-7', 3n, 7],
    ['1.5E+3', 1500n, 0],
    ['.5', 5n, 1],
    ['5.', 5n, 0],
    ['+2', 2n, 0],
    [' 0.1 ', 1n, 1],
  ])('reads %j exactly', (text, units, scale) => {
    expect(parseDecimal(text)).toEqual({ units, scale });
  });

  it.each(['', '.', 'abc', '0x10', 'Infinity', 'NaN', '1,5', '1e', '--1', '1e999999', '1.2.3'])(
    'rejects %j',
    (text) => {
      expect(parseDecimal(text)).toBeUndefined();
    },
  );
});

describe('decimal arithmetic', () => {
  it('adds and multiplies without float error', () => {
    const sum = add(
      parseDecimal('0.0000001') ?? expect.unreachable(),
      parseDecimal('0.00000165') ?? expect.unreachable(),
    );
    expect(compare(sum, parseDecimal('0.00000175') ?? expect.unreachable())).toBe(0);
    expect(toNumber(sum)).toBe(0.00000175); // 1e-7 + 1.65e-6 is 0.0000017500000000000002 in floats
    expect(toNumber(multiply(decimalFromInteger(1000), parseDecimal('0.00000225') ?? expect.unreachable()))).toBe(
      0.00225,
    );
  });

  it('subtracts and compares', () => {
    const one = decimalFromInteger(1);
    const quarter = parseDecimal('0.25') ?? expect.unreachable();
    expect(toNumber(subtract(one, quarter))).toBe(0.75);
    expect(compare(quarter, one)).toBe(-1);
    expect(compare(one, quarter)).toBe(1);
  });

  it('reads numbers as their shortest decimal form, and refuses NaN and infinities', () => {
    expect(decimalFromNumber(0.1 + 0.2)).toEqual({ units: 30000000000000004n, scale: 17 });
    expect(decimalFromNumber(1e-7)).toEqual({ units: 1n, scale: 7 });
    expect(decimalFromNumber(Number.NaN)).toBeUndefined();
    expect(decimalFromNumber(Number.NEGATIVE_INFINITY)).toBeUndefined();
  });

  it('round-trips every finite number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const decimal = decimalFromNumber(value) ?? expect.unreachable();
        expect(toNumber(decimal)).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it('integer-scaled products match bigint arithmetic', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.nat(10_000_000), (nanoUnits, tokens) => {
        const price = parseDecimal(`${nanoUnits}e-12`) ?? expect.unreachable();
        const product = multiply(decimalFromInteger(tokens), price);
        expect(toNumber(product)).toBe(Number(`${nanoUnits * BigInt(tokens)}e-12`));
      }),
    );
  });
});
