/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Maven build sets WEBUI_OUT_DIR to target/classes/META-INF/resources: the gateway's jar serves the app at '/'.
const outDir = process.env.WEBUI_OUT_DIR ?? '../../../target/classes/META-INF/resources';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev` against a gateway on 8080 (./snapshot-manager up): same-origin calls are proxied.
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: false },
      '/login': 'http://localhost:8080',
      '/logout': 'http://localhost:8080',
    },
  },
  test: {
    environment: 'happy-dom',
    setupFiles: ['./src/test/setup.ts'],
    globals: true,
    testTimeout: 20000,
    css: false,
    include: ['src/**/*.test.{ts,tsx}'],
    pool: 'threads',
    poolOptions: { threads: { maxThreads: 2, minThreads: 1 } },
  },
});
