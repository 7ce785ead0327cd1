import { describe, expect, it, vi } from 'vitest';
import { lazyImport } from './lazyImport';

describe('lazyImport', () => {
  it('loads once, on the first need, and calls the latest ready when it arrives', async () => {
    const load = vi.fn(() => Promise.resolve({ answer: 42 }));
    const lazy = lazyImport(load);
    expect(load).not.toHaveBeenCalled();
    const first = vi.fn();
    const second = vi.fn();
    expect(lazy.need(first, () => undefined)).toBeNull();
    expect(lazy.need(second, () => undefined)).toBeNull();
    await vi.waitFor(() => expect(second).toHaveBeenCalledOnce());
    expect(first).not.toHaveBeenCalled();
    expect(load).toHaveBeenCalledOnce();
    expect(lazy.need(first, () => undefined)).toEqual({ answer: 42 });
    expect(lazy.module).toEqual({ answer: 42 });
  });

  it('reports a failed load in words and tries again on the next need', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce({ ok: true });
    const lazy = lazyImport(load);
    const failed = vi.fn();
    lazy.need(() => undefined, failed);
    await vi.waitFor(() => expect(failed).toHaveBeenCalledWith('offline'));
    const ready = vi.fn();
    lazy.need(ready, failed);
    await vi.waitFor(() => expect(ready).toHaveBeenCalledOnce());
    expect(load).toHaveBeenCalledTimes(2);
  });
});
