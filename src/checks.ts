// The checks every option goes through: an object's properties read once, a name from a table, a
// number or an integer in a range. Each failure is a named error that says what was expected and
// what came (src/errors.ts).
import { typeError, rangeError, unknownOption, unknownName } from './errors.js';

/**
 * A copy of an options object, each of its properties read once: the checks and the call then see
 * the same values, even from getters or a proxy that would answer differently the next time.
 */
export function checkObject(value: unknown, what: string, known: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw typeError(what, 'an object', value);
  const copy: Record<string, unknown> = { ...value };
  for (const key of Object.keys(copy)) {
    if (!known.includes(key)) throw unknownOption(what, key, known);
  }
  return copy;
}

/** An array's elements, each read once (see checkObject). */
export function copyArray(value: unknown[]): unknown[] {
  return Array.prototype.slice.call(value);
}

export function checkName<T extends string>(what: string, value: unknown, table: Record<T, number>): T {
  const known = Object.keys(table) as T[];
  if (typeof value !== 'string' || !known.includes(value as T)) throw unknownName(what, value, known);
  return value as T;
}

export function checkNumber(what: string, value: unknown, low: number, high: number, lowOpen = false): number {
  if (typeof value !== 'number') throw typeError(what, 'a number', value);
  const ok = Number.isFinite(value) && (lowOpen ? value > low : value >= low) && value <= high;
  if (!ok) throw rangeError(what, `a finite number in ${lowOpen ? '(' : '['}${low}, ${high}]`, value);
  return value;
}

export function checkInteger(what: string, value: unknown, low: number, high: number): number {
  if (typeof value !== 'number') throw typeError(what, 'an integer', value);
  if (!Number.isInteger(value) || value < low || value > high) {
    throw rangeError(what, `an integer from ${low} to ${high}`, value);
  }
  return value;
}
