// A module imported on first use, for the heavy parts of a widget (its chart modules): a widget with nothing to
// draw yet does not load them, and one that draws asks again once they have arrived.

/** A module that loads once, on the first `need`. */
export interface LazyModule<T> {
  /** The module, or null while it has not arrived. */
  readonly module: T | null;
  /**
   * The module if it has arrived; otherwise null, after starting to load it (once) and arranging for `ready` to run
   * when it arrives, or `failed` with a message if it cannot load. Only the latest `ready`/`failed` pair runs.
   */
  need(ready: () => void, failed: (message: string) => void): T | null;
}

/** @param load e.g. `() => import('../charts/runsPlot')` */
export function lazyImport<T>(load: () => Promise<T>): LazyModule<T> {
  let module: T | null = null;
  let loading = false;
  let callbacks: { ready: () => void; failed: (message: string) => void } | null = null;
  return {
    get module() {
      return module;
    },
    need(ready, failed) {
      if (module) return module;
      callbacks = { ready, failed };
      if (!loading) {
        loading = true;
        load().then(
          (m) => {
            module = m;
            callbacks?.ready();
          },
          (error: unknown) => {
            loading = false;
            callbacks?.failed(error instanceof Error ? error.message : String(error));
          },
        );
      }
      return null;
    },
  };
}
