// Modules that exist only in the classic bundles scripts/build/classicBundles.mjs makes.

declare module 'virtual:unrolled/training-worker' {
  /** The training worker (engine/worker/train.worker.ts) bundled as one classic script, as text. */
  const source: string;
  export default source;
}
