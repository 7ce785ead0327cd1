// readInput: stdin's bytes as UTF-8 text, refused with a sentence as soon as they pass the limit.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_CASE_BYTES, readInput } from './readInput';

describe('readInput', () => {
  it('joins the chunks as UTF-8, a character split between chunks included', async () => {
    const bytes = Buffer.from('{"mode": "lstm·gru"}');
    const split = bytes.indexOf(0xb7); // the second byte of "·"
    expect(await readInput(Readable.from([bytes.subarray(0, split), bytes.subarray(split)]), 100)).toBe(
      '{"mode": "lstm·gru"}',
    );
  });

  it('refuses more bytes than the limit, naming the case', async () => {
    const chunks = Readable.from([Buffer.alloc(600, 32), Buffer.alloc(600, 32)]);
    await expect(readInput(chunks, 1000)).rejects.toThrow(
      "case: more than 1,000 bytes on stdin, more than a case within engine:case's limits needs (engine/README.md)",
    );
    expect(MAX_CASE_BYTES).toBe(2 ** 29 - 24);
  });
});
