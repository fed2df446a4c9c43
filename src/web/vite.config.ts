import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// The folder of this file, without node:url, so the web tsconfig needs no Node types.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // Pages are split with React.lazy; shared antd parts land in common chunks.
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
