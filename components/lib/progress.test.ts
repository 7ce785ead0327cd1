import { describe, expect, it } from 'vitest';
import { parseProgress } from './progress';

describe('parseProgress', () => {
  it('reads stored progress', () => {
    expect(parseProgress('{"finished":["the-math","unrolling"],"last":"unrolling"}')).toEqual({
      finished: ['the-math', 'unrolling'],
      last: 'unrolling',
    });
  });

  it('treats missing, corrupted or wrongly typed values as empty', () => {
    const empty = { finished: [], last: null };
    expect(parseProgress(null)).toEqual(empty);
    expect(parseProgress('{not json')).toEqual(empty);
    expect(parseProgress('42')).toEqual(empty);
    expect(parseProgress('{"finished":"all","last":7}')).toEqual(empty);
  });

  it('drops non-string entries from the finished list', () => {
    expect(parseProgress('{"finished":["a",3,null,"b"]}').finished).toEqual(['a', 'b']);
  });
});
