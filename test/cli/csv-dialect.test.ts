// How a CSV file's dialect is found in its first lines (cli/io/csv-dialect.ts) and how a cell spells
// a number with either decimal separator (cli/io/numerals.ts), in-process; the commands that read
// files so are in dialects.test.ts.
import { describe, expect, it } from 'vitest';
import { sniffDialect } from '../../cli/io/csv-dialect';
import { numeral, onlyDecimal, writtenNumber } from '../../cli/io/numerals';

const found = (text: string, complete = true) => {
  const { delimiter, decimal } = sniffDialect(text, complete, {});
  return { delimiter, decimal };
};

describe('sniffDialect', () => {
  it('the candidate that splits the header and every row alike, quotes respected', () => {
    expect(found('a;b;c\n1,5;2;"x,y|z"\n2;3;4\n')).toEqual({ delimiter: ';', decimal: ',' });
    expect(found('a|b\n"1;2;3"|4\n')).toEqual({ delimiter: '|', decimal: '.' });
    expect(found('a\tb, c\n1\t2\n')).toEqual({ delimiter: '\t', decimal: '.' });
    // a quoted line break, a quote inside quotes, CRLF, a BOM
    expect(found('\ufeffname;y\r\n"two\r\nlines ""q"" ; |";1\r\nb;2\r\n')).toEqual({ delimiter: ';', decimal: '.' });
  });

  it('more rows alike before more columns; alike, more columns; alike, in the order , ; tab |', () => {
    // ',' splits the header in 3 but a row in 4; ';' splits all in 2
    expect(found('a,b;c,d\n1,2;3,4\n5,6,7;8,9\n').delimiter).toBe(';');
    expect(found('a;b,c;d\n1;2,3;4\n').delimiter).toBe(';');
    expect(found('a,b;c\n1,2;3\n').delimiter).toBe(',');
    // none alike: the one with most rows alike still, so the row of the wrong length is reported
    expect(found('a,b,c\n1,2,3\n1,2\n4,5,6\n').delimiter).toBe(',');
  });

  it('one column: the first candidate that splits no row, so that 1,5 stays one cell', () => {
    expect(found('x\n1.5\n2\n')).toEqual({ delimiter: ',', decimal: '.' });
    expect(found('x\n1,5\n2,25\n')).toEqual({ delimiter: ';', decimal: ',' });
  });

  it('a decimal comma only where some cell has one beyond doubt and none has a decimal point', () => {
    expect(found('a;b\n1,5;2\n').decimal).toBe(',');
    expect(found('a;b\n1.234,5;2\n').decimal).toBe(',');
    // 1,234 may be 1234: no evidence
    expect(found('a;b\n1,234;2\n').decimal).toBe('.');
    expect(found('a;b\n1,5;2.5\n').decimal).toBe('.');
    // a comma file's quoted "1,5" is not taken for one
    expect(found('a,b\n"1,5",2\n').decimal).toBe('.');
    // the header's names are not numbers
    expect(found('1,5;b\n1;2\n').decimal).toBe('.');
  });

  it('a record cut off at the end of the first chunks is not looked at', () => {
    expect(found('a;b\n1;2\n3;4,5', false).decimal).toBe('.');
    expect(found('a;b\n1;2\n3;4,5', true).decimal).toBe(',');
  });

  it('a given delimiter and decimal separator are kept, and what splits the header is noted for the one-column message', () => {
    const dialect = sniffDialect('a;b;c\n1;2;3\n', true, { delimiter: ',', decimal: ',' });
    expect(dialect).toMatchObject({ delimiter: ',', decimal: ',', delimiterGiven: true, splits: [{ delimiter: ';', columns: 3 }] });
  });
});

describe('numeral', () => {
  it("with '.': the library's decimal numbers, nothing else", () => {
    expect(['1.5', '-2', '.5', '1e3', '1,5', '1.234,5', ''].map((text) => numeral(text, '.'))).toEqual([1.5, -2, 0.5, 1000, undefined, undefined, undefined]);
  });

  it("with ',': a decimal comma, '.' between thousands where it cannot be a decimal point", () => {
    const cases: [string, number | undefined][] = [
      ['1,5', 1.5], ['-0,25', -0.25], [',5', 0.5], ['1,5e3', 1500], ['1,234', 1.234], ['42', 42],
      ['1.234,5', 1234.5], ['1.234.567', 1234567], ['-12.345.678,9', -12345678.9],
      // one group of three after '.' and no comma: 1234 or 1.234
      ['1.234', undefined], ['1.5', undefined], ['0.123,4', undefined], ['1.23,4', undefined], ['1,2,3', undefined], ['', undefined],
    ];
    expect(cases.map(([text]) => numeral(text, ','))).toEqual(cases.map(([, value]) => value));
  });

  it('onlyDecimal: which separator alone reads a cell, when that is beyond doubt', () => {
    expect(['1,5', '1.5', '1,234', '1.234', '12', 'x', '0,123'].map(onlyDecimal)).toEqual([',', '.', undefined, undefined, undefined, undefined, ',']);
  });

  it('writtenNumber: the shortest round-trip form, with the decimal separator', () => {
    expect([0.1 + 0.2, 1e-7, 3].map((x) => writtenNumber(x, ','))).toEqual(['0,30000000000000004', '1e-7', '3']);
    expect(numeral(writtenNumber(1.5e-7, ','), ',')).toBe(1.5e-7);
  });
});
