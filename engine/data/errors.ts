// The error a reader sees when their own data cannot be used, and the size limits that protect the
// worker: one class so the page can show the message as it is, naming the file and line.

/** The largest input accepted, in bytes (20 MB): beyond that, parsing and training in a browser tab take too long. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;
/** The most examples accepted from one input. */
export const MAX_EXAMPLES = 50_000;

/** A problem with the reader's data, with a message meant for the reader. */
export class DataError extends Error {
  override readonly name = 'DataError';

  /**
   * @param message what is wrong and, where possible, how to fix it
   * @param where the file name and 1-based line the problem was found at, when known
   */
  constructor(
    message: string,
    readonly where: { file?: string; line?: number } = {},
  ) {
    const prefix = [where.file, where.line !== undefined ? `line ${where.line}` : undefined].filter(Boolean).join(', ');
    super(prefix ? `${prefix}: ${message}` : message);
  }
}

/** The UTF-8 size of a string in bytes, without TextEncoder (which the engine's ES2022 target does not declare). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte code point.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** "23.4 MB" style sizes for messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Throws a DataError if `bytes` exceeds the limit; callers with a File can check its size before reading it. */
export function checkInputSize(bytes: number, file?: string, limit = MAX_INPUT_BYTES): void {
  if (bytes > limit) {
    throw new DataError(
      `the input is ${formatBytes(bytes)}, more than the ${formatBytes(limit)} limit; use a smaller file or fewer files`,
      { file },
    );
  }
}
