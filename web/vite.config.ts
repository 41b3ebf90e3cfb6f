import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The staff workbench. `npm run web:dev` serves it with the API proxied to a local `npm start`. */
const root = fileURLToPath(new URL('.', import.meta.url));
// The API server behind the dev server (`SANXIANG_API=http://127.0.0.1:8791 npm run web:dev`).
const api = process.env.SANXIANG_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod places comments Rollup cannot read as annotations; they are harmless and not ours to fix
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: {
    // Prefixes match from the start of the path: '/log' alone would also send our own /login page away.
    proxy: {
      '/api/': api,
      '/log/': api,
      '/healthz': api,
    },
  },
});
