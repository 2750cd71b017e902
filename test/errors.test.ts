// The error tests' matcher (test/errors.ts): it finds what a message names whatever the words in
// between, and misses what the message does not name, even where a longer word or number holds it.
import { describe, expect, it } from 'vitest';
import { expectNamedError, expectRejects, expectThrows, missingParts } from './errors';

const MESSAGE = 'options.layers[1] must be an integer from 1 to 1048576, got 1.5';

describe('missingParts', () => {
  it('finds each part in any order and in any words', () => {
    expect(missingParts(MESSAGE, ['options.layers[1]', 'integer', '1 to 1048576', '1.5'])).toEqual([]);
    expect(missingParts('got 1.5 for options.layers[1]: wanted an integer in 1 to 1048576', ['options.layers[1]', 'integer', '1 to 1048576', '1.5'])).toEqual([]);
  });

  it('misses a part the message does not name', () => {
    expect(missingParts(MESSAGE, ['options.layers[2]', 'integer', '2.5'])).toEqual(['options.layers[2]', '2.5']);
  });

  it('does not find a part inside a longer word or number', () => {
    expect(missingParts(MESSAGE, ['5'])).toEqual(['5']); // in 1.5 and 1048576
    expect(missingParts(MESSAGE, ['104857'])).toEqual(['104857']);
    expect(missingParts(MESSAGE, ['layer'])).toEqual(['layer']); // in layers
    expect(missingParts('epochs must be 1 or more, got 0.5', ['0'])).toEqual(['0']);
    expect(missingParts('the string "1" came', ['"1"', 'string'])).toEqual([]);
    expect(missingParts('the string "1" came', ['1'])).toEqual([]); // a quote is no letter
    expect(missingParts('--epochs: got "ten"', ['epochs', 'ten'])).toEqual([]); // nor is a dash
  });

  it('needs a place of its own for each part', () => {
    expect(missingParts('inputs[3] must be a number, got 3', ['inputs[3]', '3'])).toEqual([]);
    expect(missingParts('inputs[3] must be a number, got NaN', ['inputs[3]', '3'])).toEqual(['3']);
    // the search tries other places: the first part's only place is not taken by the second
    expect(missingParts('a b a', ['a', 'a b'])).toEqual([]);
    expect(missingParts('a b', ['a', 'a b'])).toEqual(['a b']);
  });

  it('takes a pattern for a part whose text varies', () => {
    expect(missingParts(MESSAGE, [/from \d+ to \d+/, '1.5'])).toEqual([]);
    expect(missingParts(MESSAGE, [/below \d+/])).toEqual([/below \d+/]);
  });
});

describe('expectNamedError', () => {
  it('passes the class and the parts named; fails another class, a subclass, a part not named, or no error', () => {
    class Special extends RangeError {
      override name = 'Special';
    }
    expectThrows(() => {
      throw new RangeError(MESSAGE);
    }, RangeError, ['options.layers[1]', '1.5']);
    expect(() => expectNamedError(new TypeError(MESSAGE), RangeError, ['1.5'])).toThrow();
    expect(() => expectNamedError(new Special(MESSAGE), RangeError, ['1.5'])).toThrow();
    expect(() => expectNamedError(new RangeError(MESSAGE), RangeError, ['2.5'])).toThrow();
    expect(() => expectThrows(() => 1, RangeError, [])).toThrow();
  });

  it('reads a rejection the same way', async () => {
    await expectRejects(Promise.reject(new TypeError('seed must be an integer, got the string "7"')), TypeError, ['seed', 'integer', '"7"']);
    await expect(expectRejects(Promise.resolve(1), TypeError, [])).rejects.toThrow();
    await expect(expectRejects(Promise.reject(new TypeError('seed')), TypeError, ['"7"'])).rejects.toThrow();
  });
});
