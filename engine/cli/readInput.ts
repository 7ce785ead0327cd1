// Reads all of a stream (stdin) as UTF-8 text, refusing more than a limit before it is all in memory.
import { constants } from 'node:buffer';
import { FieldError } from '../nested';

/**
 * Bytes `engine:case` reads: the longest string Node can make (2^29 − 24 characters, 512 MiB). A
 * case within MAX_ELEMENTS (caseLimits.ts) supplies at most half that many numbers, since the
 * estimate counts each at least twice: about 16.8 M, at most 26 bytes each as Python's json.dumps
 * writes them with their ", ", 436 MB.
 */
export const MAX_CASE_BYTES = constants.MAX_STRING_LENGTH;

/**
 * The stream's bytes as UTF-8 text.
 * @throws FieldError on `case` as soon as more than `maxBytes` have arrived
 */
export async function readInput(stream: AsyncIterable<Buffer | string>, maxBytes = MAX_CASE_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += b.length;
    if (bytes > maxBytes)
      throw new FieldError(
        'case',
        `more than ${maxBytes.toLocaleString('en-US')} bytes on stdin, more than a case within engine:case's limits needs (engine/README.md)`,
      );
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}
