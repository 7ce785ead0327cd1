// Unit tests: engine, data, and the pure parts of components; browser tests live in e2e/ and run separately.
// Two projects: `js` runs every test with the engine's float32 work on the JS kernels (as on a page's main
// thread, which never loads WebAssembly); `wasm` runs the engine's and the bench's tests again on the
// WebAssembly kernels (as in the training worker), so every engine test holds on both kernel tables
// (vitest.setup.ts reads ENGINE_KERNELS). `npx vitest run --project js` runs one.
import { defineConfig } from 'vitest/config';

const include = [
  'engine/**/*.test.ts',
  'components/**/*.test.ts',
  'scripts/**/*.test.ts',
  'src/**/*.test.ts',
  'bench/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    setupFiles: ['./vitest.setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'wasm', include: ['engine/**/*.test.ts', 'bench/**/*.test.ts'], env: { ENGINE_KERNELS: 'wasm' } },
      },
      {
        extends: true,
        test: {
          name: 'js',
          include,
          // the committed binaries' check compiles them: the wasm project runs it
          exclude: ['**/node_modules/**', 'engine/kernels/wasm/build.test.ts'],
          env: { ENGINE_KERNELS: 'js' },
        },
      },
    ],
  },
});
