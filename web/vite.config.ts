import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

/**
 * The staff workbench, served under /app/ (the public portal has /). `npm run web:dev` serves it with the
 * API proxied to a local `npm start`. The same build also makes the portal's few small scripts (see
 * {@link portalScripts}), so `npm ci` (prepare) builds everything the server serves.
 *
 * Every file is also written gzip- and brotli-compressed beside itself (`x.js.gz`, `x.js.br`, at the
 * highest levels: the cost is paid once, at the build); the server sends the one the browser accepts
 * (src/platform/http/static-files.ts). A file that would not shrink gets none and is sent as it is.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
// The API server behind the dev server (`SANXIANG_API=http://127.0.0.1:8791 npm run web:dev`).
const api = process.env.SANXIANG_API ?? 'http://127.0.0.1:8080';
/** gzip and brotli beside each built file; text only (the workbench has no images or fonts of its own). */
const precompressed = () =>
  compression({ algorithms: ['gzip', 'brotliCompress'], include: /\.(html|js|mjs|css|json|svg|txt|map)$/ });

/**
 * The public portal's scripts: each a small, self-contained ES module (no React, no shared chunks) in
 * dist/portal/, served at /portal/. The portal's pages are server-rendered and work without them.
 */
function portalScripts(): Plugin {
  return {
    name: 'sanxiang-portal-scripts',
    apply: 'build',
    async closeBundle() {
      // One build per script, so none shares a chunk with another.
      for (const name of ['verify', 'correction']) {
        await build({
          configFile: false,
          root,
          logLevel: 'warn',
          publicDir: false,
          plugins: [precompressed()],
          build: {
            outDir: 'dist/portal',
            emptyOutDir: false,
            target: 'es2022',
            minify: 'esbuild',
            lib: { entry: `src/portal/${name}.ts`, formats: ['es'], fileName: () => `${name}.js` },
          },
        });
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/app/',
  plugins: [react(), portalScripts(), precompressed()],
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
