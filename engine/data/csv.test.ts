// Tests for the CSV reader on the fixtures in fixtures/csv: RFC 4180 quoting, CRLF and BOM, column
// order, label spellings, and one test per refusal, each checking that the message names the line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseSentimentCsv } from './csv';
import { DataError, formatBytes, utf8Length } from './errors';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/csv/${name}`, import.meta.url), 'utf8');

describe('parseCsv', () => {
  it('handles quoted commas, doubled quotes, line breaks in quotes, blank lines, and line numbers', () => {
    const records = parseCsv(fixture('reviews.csv'));
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 8]);
    expect(records[2].fields).toEqual(['Slow, muddled and far too long.', 'neg']);
    expect(records[3].fields).toEqual(['She said "wow" and so did I.', 'positive']);
    expect(records[4].fields).toEqual(['Two lines:\nstill one review.', '1']);
  });

  it('handles CRLF, a byte-order mark, empty fields and a last line without a newline', () => {
    expect(parseCsv('\ufeffa,b\r\n,\r\n"x",')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['', ''], line: 2 },
      { fields: ['x', ''], line: 3 },
    ]);
  });

  it('handles a trailing comma at the end, lone CR line breaks, and CRLF inside quotes for line numbers', () => {
    expect(parseCsv('a,b\n1,').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
    expect(parseCsv('a,b\r1,2').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('text,label\r\n"x\r\ny",pos\r\nz,neg').map((r) => r.line)).toEqual([1, 2, 4]);
    expect(parseCsv('""\n')).toEqual([{ fields: [''], line: 1 }]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsv('it was "ok",pos')[0].fields).toEqual(['it was "ok"', 'pos']);
  });

  it('refuses an unclosed quote, naming the line where it opened', () => {
    expect(() => parseCsv(fixture('unclosed-quote.csv'), 'unclosed-quote.csv')).toThrow(
      'unclosed-quote.csv, line 3: a quoted field is never closed',
    );
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('text,label\n"good"ish,pos')).toThrow(/line 2: unexpected text after a closing quote/);
  });
});

describe('parseSentimentCsv', () => {
  it('reads text and label with every accepted label spelling', () => {
    const ex = parseSentimentCsv(fixture('reviews.csv'));
    expect(ex.map((e) => e.label)).toEqual([1, 0, 1, 1, 0]);
    expect(ex[4]).toEqual({ text: 'Not good at all.', label: 0 });
  });

  it('finds the columns by name in any order and case, ignoring extra columns', () => {
    expect(parseSentimentCsv(fixture('reviews-crlf-bom.csv'))).toEqual([
      { text: 'The ending, sadly, ruins it.', label: 0 },
      { text: 'Never boring.', label: 1 },
    ]);
  });

  const refusals: [string, RegExp][] = [
    ['empty.csv', /^empty\.csv: the file is empty/],
    ['header-only.csv', /header but no reviews/],
    ['missing-column.csv', /^missing-column\.csv, line 3: this row has 1 field but the header has 2/],
    [
      'unknown-label.csv',
      /^unknown-label\.csv, line 3: unknown label "neutral"; use pos\/neg, positive\/negative or 1\/0/,
    ],
    ['unquoted-comma.csv', /line 2: this row has 3 fields .* must be in double quotes/],
    ['unclosed-quote.csv', /line 3: a quoted field is never closed/],
  ];
  for (const [name, message] of refusals) {
    it(`refuses ${name} with a DataError saying where`, () => {
      let error: unknown;
      try {
        parseSentimentCsv(fixture(name), { file: name });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataError);
      expect((error as Error).message).toMatch(message);
    });
  }

  it('refuses a wrong header, an empty text and a single class', () => {
    expect(() => parseSentimentCsv('review,sentiment\nok,pos')).toThrow(
      /line 1: the header must name the columns text and label, but text and label are missing/,
    );
    expect(() => parseSentimentCsv('text,sentiment\nok,pos')).toThrow(
      /but label is missing \(found: "text", "sentiment"\)/,
    );
    expect(() => parseSentimentCsv('text,label\n  ,pos\nok,neg')).toThrow(/line 2: the text is empty/);
    expect(() => parseSentimentCsv('text,label\na,pos\nb,1')).toThrow(/all 2 reviews are labelled positive/);
  });

  it('refuses inputs over the row or size limit', () => {
    const rows = Array.from({ length: 11 }, (_, i) => `review ${i},${i % 2}`).join('\n');
    expect(() => parseSentimentCsv(`text,label\n${rows}`, { maxExamples: 10 })).toThrow(
      /11 reviews, more than the limit of 10/,
    );
    expect(() => parseSentimentCsv(`text,label\n${rows}`, { maxBytes: 100, file: 'big.csv' })).toThrow(
      /^big\.csv: the input is 1[0-9]{2} bytes, more than the 100 bytes limit/,
    );
  });
});

describe('size helpers', () => {
  it('counts UTF-8 bytes and formats sizes', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(formatBytes(2.5 * 1024 * 1024)).toBe('2.5 MB');
    expect(formatBytes(2048)).toBe('2.0 kB');
  });
});
