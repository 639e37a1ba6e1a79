import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// Built into ../dist/app, which the plane serves at `/` (packages/server/src/console).
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: '../dist/app',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev -w @lumay/console` against a plane on its default port.
    proxy: { '/api': 'http://127.0.0.1:4318' },
  },
});
