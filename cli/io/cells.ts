// A CSV cell as a raw value (src/columns.ts): missing ('' and the library's other spellings of
// nothing, such as NA), a number in the file's dialect, or text. A cell spelled as a number that
// cannot be read as one (1,5 in a file of decimal points; 1e999) is refused where it is, with what
// to do: taken as text, it would silently turn its column into categories.
import { type ColumnChoice, type RawValue, isMissing } from '../../src/columns';
import { looksNumeric, notANumber, numeral } from './numerals';
import type { Dialect } from './csv-dialect';
import { dataError, quote } from '../errors';

export function cellValue(cell: string, dialect: Dialect, choice: ColumnChoice | undefined, source: string, line: number, column: string): RawValue {
  if (isMissing(cell)) return null;
  // a column declared categorical takes its cells as text (numerals among them become levels)
  if (choice === 'categorical') return cell;
  const number = numeral(cell, dialect.decimal);
  if (number !== undefined) return number;
  if (choice === 'numeric') throw dataError(notANumber(cell, dialect.decimal, dialect.decimalFrom), source, line, column);
  if (looksNumeric(cell)) {
    const asText = ` (to take this column's cells as text, give --categorical ${quote(column)})`;
    throw dataError(`${notANumber(cell, dialect.decimal, dialect.decimalFrom)}${asText}`, source, line, column);
  }
  return cell;
}
