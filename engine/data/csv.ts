// The reader's own sentiment data as CSV: an RFC 4180 parser that remembers line numbers, and the
// `text,label` reader on top of it, whose every refusal names the line and says how to fix it.
import { checkInputSize, DataError, MAX_EXAMPLES, utf8Length } from './errors';
import { checkBothClasses, LABEL_SPELLINGS, parseLabel, type SentimentExample } from './sentimentLabels';

/** One CSV record with the 1-based line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Parses CSV as RFC 4180 describes it: fields separated by commas, records by CRLF or LF, a field in
 * double quotes may hold commas, line breaks and doubled quotes (`""` for `"`). Lenient where it costs
 * nothing: a leading byte-order mark is dropped, blank lines are skipped, and a quote inside an
 * unquoted field is kept as text. An unclosed quote, or text after a closing quote, is an error.
 * @param file a name for messages
 */
export function parseCsv(text: string, file?: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = s.length;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  // Fields are cut with indexOf and slice rather than built a character at a time: a 20 MB file
  // must parse in well under a second in the worker.
  while (i < n) {
    let field: string;
    let quoted = false;
    if (s.charCodeAt(i) === QUOTE) {
      // A quoted field: read to the matching quote, counting the line breaks inside it.
      quoted = true;
      const openLine = line;
      field = '';
      let j = i + 1;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0)
          throw new DataError(
            'a quoted field is never closed: a " opens here but no matching " follows; check for a missing quote',
            { file, line: openLine },
          );
        field += s.slice(j, q);
        line += countNewlines(s, j, q);
        if (s.charCodeAt(q + 1) === QUOTE) {
          field += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < n && !isDelimiter(s.charCodeAt(i))) {
        throw new DataError(
          `unexpected text after a closing quote (${JSON.stringify(s.slice(i, i + 10))}); inside a quoted field, write a quote as ""`,
          { file, line },
        );
      }
    } else {
      // An unquoted field runs to the next comma or line break; a quote inside it is literal text.
      let j = i;
      while (j < n && !isDelimiter(s.charCodeAt(j))) j++;
      field = s.slice(i, j);
      i = j;
    }
    fields.push(field);
    if (i < n && s.charCodeAt(i) === COMMA) {
      i++;
      // A comma at the very end leaves one more, empty, field.
      if (i < n) continue;
      fields.push('');
    }
    // End of record: a line break or the end of the text. A blank line is one empty unquoted field.
    if (!(fields.length === 1 && fields[0] === '' && !quoted)) records.push({ fields, line: recordLine });
    fields = [];
    if (i < n) {
      i += s.charCodeAt(i) === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
    }
    recordLine = line;
  }
  return records;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

function isDelimiter(c: number): boolean {
  return c === COMMA || c === LF || c === CR;
}

/** Line breaks in s[from, to): LF, CRLF, or a lone CR each count once. */
function countNewlines(s: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) k++;
  }
  return k;
}

/** Options of `parseSentimentCsv`. */
export interface SentimentCsvOptions {
  /** A file name for messages. */
  file?: string;
  /** Most examples accepted (default `MAX_EXAMPLES`). */
  maxExamples?: number;
  /** Largest input in bytes (default `MAX_INPUT_BYTES`). */
  maxBytes?: number;
}

/**
 * Reads a sentiment CSV: a header row naming (at least) the columns `text` and `label`, in any order
 * and case, then one review per row. Labels are pos/neg, positive/negative or 1/0. Refuses, naming
 * the line: an empty file, a missing column, a row with more or fewer fields than the header, an
 * empty text, an unknown label, fewer than two classes, and inputs over the size or row limits.
 */
export function parseSentimentCsv(text: string, options: SentimentCsvOptions = {}): SentimentExample[] {
  const { file, maxExamples = MAX_EXAMPLES, maxBytes } = options;
  checkInputSize(utf8Length(text), file, maxBytes);
  const records = parseCsv(text, file);
  if (records.length === 0)
    throw new DataError('the file is empty; expected a header line "text,label" followed by one review per line', {
      file,
    });
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const textCol = header.indexOf('text');
  const labelCol = header.indexOf('label');
  if (textCol < 0 || labelCol < 0) {
    const missing = [textCol < 0 ? 'text' : '', labelCol < 0 ? 'label' : ''].filter(Boolean).join(' and ');
    throw new DataError(
      `the header must name the columns text and label, but ${missing} ` +
        `${textCol < 0 && labelCol < 0 ? 'are' : 'is'} missing (found: ` +
        `${records[0].fields.map((h) => JSON.stringify(h)).join(', ')})`,
      { file, line: records[0].line },
    );
  }
  if (records.length === 1) throw new DataError('the file has a header but no reviews', { file });
  if (records.length - 1 > maxExamples) {
    throw new DataError(
      `the file has ${records.length - 1} reviews, more than the limit of ${maxExamples}; use a smaller file`,
      { file },
    );
  }
  const examples = records.slice(1).map(({ fields, line }): SentimentExample => {
    if (fields.length < header.length) {
      throw new DataError(
        `this row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${header.length}: a column is missing`,
        { file, line },
      );
    }
    if (fields.length > header.length) {
      throw new DataError(
        `this row has ${fields.length} fields but the header has ${header.length}; a text containing commas must be in double quotes`,
        { file, line },
      );
    }
    const label = parseLabel(fields[labelCol]);
    if (label === null)
      throw new DataError(`unknown label ${JSON.stringify(fields[labelCol])}; use ${LABEL_SPELLINGS}`, { file, line });
    if (fields[textCol].trim() === '') throw new DataError('the text is empty', { file, line });
    return { text: fields[textCol], label };
  });
  checkBothClasses(examples, file);
  return examples;
}
