import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API (Fastify) listens here in development; `npm run dev` in apps/api starts it. */
const apiTarget = 'http://127.0.0.1:3000';
const proxy = {
  '/api': { target: apiTarget },
  '/metrics': { target: apiTarget },
};

/** Directory of this file, so the config works whatever the current directory is. */
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: here,
  plugins: [react()],
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    sourcemap: true,
    // dist/.vite/manifest.json: which chunks a first visit downloads (`npm run bench` reports it).
    manifest: true,
  },
});
