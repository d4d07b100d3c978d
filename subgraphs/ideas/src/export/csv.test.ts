import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { csvField, csvRecord, neutraliseFormula } from './csv';

describe('RFC 4180 CSV encoding', () => {
  it.each([
    ['plain text', 'PETR4', 'PETR4'],
    ['empty', '', ''],
    ['spaces are data, unquoted', '  a b  ', '  a b  '],
    ['a comma', 'a,b', '"a,b"'],
    ['a double quote, doubled', 'say "hi"', '"say ""hi"""'],
    ['only a quote', '"', '""""'],
    ['LF', 'line 1\nline 2', '"line 1\nline 2"'],
    ['CR', 'a\rb', '"a\rb"'],
    ['CRLF', 'a\r\nb', '"a\r\nb"'],
    ['a semicolon (not special in RFC 4180)', 'a;b', 'a;b'],
    ['accents and emoji', 'Análise 📈', 'Análise 📈'],
    ['a single quote', "it's", "it's"],
  ])('%s', (_name, value, encoded) => {
    expect(csvField(value)).toBe(encoded);
  });

  it('writes null and undefined as empty fields, numbers and booleans as text, dates as ISO-8601 UTC', () => {
    expect(csvRecord([null, undefined, 42, -0.5, true, new Date('2026-11-26T13:00:00.5Z')])).toBe(',,42,-0.5,true,2026-11-26T13:00:00.500Z\r\n');
  });

  it('ends every record with CRLF, also the last, and never adds a trailing comma', () => {
    expect(csvRecord(['a', 'b']) + csvRecord(['c', 'd'])).toBe('a,b\r\nc,d\r\n');
    expect(csvRecord([''])).toBe('\r\n');
  });

  it('round-trips any text through an independent RFC 4180 parser', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const text = table.map((r) => csvRecord(r)).join('');
        expect(parse(text, { record_delimiter: '\r\n', relax_column_count: false })).toEqual(table);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips the characters that matter, densely', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[",\r\na ]{0,12}$/), { minLength: 2, maxLength: 4 }), (row) => {
        expect(parse(csvRecord(row), { record_delimiter: '\r\n' })).toEqual([row]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('formula neutralising', () => {
  it.each(['=1+1', '+55 11', '-5% hoje', '@SUM(A1)', '\t=x', '\r=x'])('prefixes %j with an apostrophe', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });
  it.each(['PETR4', ' =not first', '', '5-3'])('leaves %j alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});
