// How a CSV file spells its numbers: with a decimal point (1.5, the library's rule) or a decimal
// comma (1,5, as spreadsheets write them in much of Europe), read and written.
import { decimalNumber } from '../../src/classes';
import { quoteNumber } from '../errors';

/** The decimal separator of a file's numbers: '.' (the default) or ','. */
export type Decimal = '.' | ',';

export const DECIMALS: readonly Decimal[] = ['.', ','];

// the library's numeral with ',' for '.', and with '.' between groups of three digits
const COMMA_DECIMAL = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d*)?$/;
// one group of three after a '.' and no decimal comma: 1234 in thousands, or 1.234 with a decimal point
const ONE_GROUP = /^[+-]?[1-9]\d{0,2}\.\d{3}$/;

/**
 * The number a cell spells with this decimal separator, or undefined for anything else. With ',',
 * '.' is taken only between thousands (1.234,5 or 1.234.567), never alone before three digits
 * (1.234 may mean either): see `notANumber` for what is said of such a cell.
 */
export function numeral(text: string, decimal: Decimal): number | undefined {
  if (decimal === '.') return decimalNumber(text);
  if (COMMA_DECIMAL.test(text)) return finite(Number(text.replace(',', '.')));
  if (GROUPED.test(text) && !ONE_GROUP.test(text)) return finite(Number(text.replace(/\./g, '').replace(',', '.')));
  return undefined;
}

// a numeral's shape with either separator, whatever its size: 1e999 and a 1000-digit number too
const NUMERAL_SHAPE = /^[+-]?(\d[\d.,]*|[.,]\d+)([eE][+-]?\d+)?$/;

/** Whether a cell is spelled as a number (in either decimal dialect, of any size): a cell that is one but cannot be read is an error, never a category. */
export function looksNumeric(text: string): boolean {
  return NUMERAL_SHAPE.test(text);
}

function finite(value: number): number | undefined {
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The decimal separator a cell's number is spelled with, where only one of them reads it beyond
 * doubt: 1,5 ','; 1.5 '.'; 1,234 and 1.234 neither (each may be 1234 with the other between thousands).
 */
export function onlyDecimal(text: string): Decimal | undefined {
  const [point, comma] = [decimalNumber(text) !== undefined, numeral(text, ',') !== undefined];
  if (point === comma || ONE_GROUP.test(text) || ONE_GROUP.test(text.replace(',', '.'))) return undefined;
  return point ? '.' : ',';
}

/**
 * Why a cell is not a number: `expected a number, got "x"`, and what to do when the decimal
 * separator may be the cause. `why` says where a decimal comma came from ('--decimal ,', or "as in
 * the file's first lines").
 */
export function notANumber(text: string, decimal: Decimal, why: string): string {
  const got = text === '' ? 'an empty cell' : quoteNumber(text);
  if (decimal === '.') {
    if (numeral(text, ',') === undefined) return `expected a number, got ${got}`;
    // 1,234: a decimal comma, or a comma between thousands (which is read nowhere)
    if (onlyDecimal(text) === undefined) return `expected a number, got ${got} (${text.replace(',', '.')} with a decimal comma: give --decimal ,; ${text.replace(',', '')}: write it without the ',')`;
    return `expected a number, got ${got} (with a decimal comma? give --decimal ,)`;
  }
  if (!ONE_GROUP.test(text)) return `expected a number with a decimal comma (${why}), got ${got}`;
  const digits = text.replace('.', '');
  return `expected a number with a decimal comma (${why}), got ${got}, which may be ${digits} or ${text}: write ${digits} or ${text.replace('.', ',')}`;
}

/** A number as the file spells it: JavaScript's shortest round-trip form, with its decimal separator. */
export function writtenNumber(value: number, decimal: Decimal): string {
  const text = String(value);
  return decimal === '.' ? text : text.replace('.', ',');
}
