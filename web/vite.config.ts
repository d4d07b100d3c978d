import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dashboard must run on an offline desk: every asset ships as a same-origin file, nothing is inlined
// as a data URI and nothing points at a CDN.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
