// Error tests check what a user relies on, not the wording: the error's class, and that its message
// names each of a few given parts (the option or flag, the value as it came, the file and line
// where there is one, the expectation's key words) in any order. Rewording the words in between
// keeps such a test passing; a message that stops naming a part fails it.
import { expect } from 'vitest';

export type ErrorClass = new (...args: never[]) => Error;

/**
 * What a message must name: text, found whole (a part that starts or ends with a letter or digit
 * is not found inside a longer word or number: `3` is not in `1.35` or `inputs[13]`), or a pattern.
 * Each part needs its own place in the message: `['inputs[3]', '3']` needs the 3 twice.
 */
export type Part = string | RegExp;

const WORD = /[\p{L}\p{N}_]/u;
const DIGIT = /\d/;

/** Where `part` occurs in `message`, as [start, end) spans. */
function places(message: string, part: Part): [number, number][] {
  const spans: [number, number][] = [];
  if (part instanceof RegExp) {
    const global = new RegExp(part.source, part.flags.includes('g') ? part.flags : part.flags + 'g');
    for (const match of message.matchAll(global)) spans.push([match.index!, match.index! + match[0].length]);
    return spans;
  }
  if (part === '') throw new Error('an empty part names nothing');
  for (let at = message.indexOf(part); at >= 0; at = message.indexOf(part, at + 1)) {
    const end = at + part.length;
    const [before, after] = [message[at - 1] ?? '', message[end] ?? ''];
    // a part edge that is a letter or digit must not continue a word or number (1.5 continues 1)
    if (WORD.test(part[0]) && (WORD.test(before) || (DIGIT.test(part[0]) && before === '.' && DIGIT.test(message[at - 2] ?? '')))) continue;
    const last = part[part.length - 1];
    if (WORD.test(last) && (WORD.test(after) || (DIGIT.test(last) && after === '.' && DIGIT.test(message[end + 1] ?? '')))) continue;
    spans.push([at, end]);
  }
  return spans;
}

/** The parts `message` does not name, each at its own place; [] when it names them all. */
export function missingParts(message: string, parts: readonly Part[]): Part[] {
  const found = parts.map((part) => places(message, part));
  const absent = parts.filter((_, i) => found[i].length === 0);
  if (absent.length > 0) return absent;
  // every part occurs: give each one a place of its own (parts are few: a plain search will do)
  const taken: [number, number][] = [];
  const overlaps = ([a, b]: [number, number]) => taken.some(([c, d]) => a < d && c < b);
  const order = parts.map((_, i) => i).sort((i, j) => found[i].length - found[j].length);
  const place = (k: number): boolean => {
    if (k === order.length) return true;
    for (const span of found[order[k]]) {
      if (overlaps(span)) continue;
      taken.push(span);
      if (place(k + 1)) return true;
      taken.pop();
    }
    return false;
  };
  if (place(0)) return [];
  // some parts share their only places: name those that find none left, placing in the given order
  taken.length = 0;
  return parts.filter((_, i) => {
    const span = found[i].find((s) => !overlaps(s));
    if (span) taken.push(span);
    return !span;
  });
}

/** Asserts that `error` is of exactly the class `expected` (not a subclass) and its message names every part. */
export function expectNamedError(error: unknown, expected: ErrorClass, parts: readonly Part[]): void {
  expect(error, 'the call returned instead of throwing').toBeInstanceOf(Error);
  const e = error as Error;
  expect({ class: e.constructor.name, name: e.name, unnamed: missingParts(e.message, parts) }, e.message).toEqual({
    class: expected.name,
    name: expected.name,
    unnamed: [],
  });
  expect(e).toBeInstanceOf(expected);
  expect(e.constructor).toBe(expected);
}

/** What `call` throws; undefined when it returns. */
export function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Asserts that `call` throws an error of class `expected` whose message names every part. */
export function expectThrows(call: () => unknown, expected: ErrorClass, parts: readonly Part[]): void {
  expectNamedError(thrownBy(call), expected, parts);
}

/** Asserts that `promise` rejects with an error of class `expected` whose message names every part. */
export async function expectRejects(promise: Promise<unknown>, expected: ErrorClass, parts: readonly Part[]): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expectNamedError(error, expected, parts);
}
