import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { fileURLToPath } from "node:url";

const assets = fileURLToPath(new URL("../assets", import.meta.url));

// The UI is served by Tauri from ui/dist; `vite build --mode web` makes the
// browser's build (ui/dist-web, with the fonts beside the page) that
// roundtable-server serves. `npm run dev` serves the web build with hot
// reload for layout work, sending /api on to a running server
// (`bash .ci/server.sh --demo`; another with ROUNDTABLE_DEV_SERVER).
const devServer = process.env.ROUNDTABLE_DEV_SERVER ?? "https://127.0.0.1:8443";
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  resolve: {
    alias: { $assets: assets },
    // Component tests run in jsdom: use Svelte's browser build there too.
    ...(process.env.VITEST ? { conditions: ["browser"] } : {}),
  },
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    fs: { allow: [".", assets] },
    proxy: {
      "/api": {
        target: devServer,
        // The development server's own certificate is self-signed.
        secure: false,
        changeOrigin: true,
        // The page is on the dev server's origin, not the server's: the
        // server's same-origin check sees the request as its own.
        configure: (proxy) => proxy.on("proxyReq", (request) => request.removeHeader("origin")),
      },
    },
  },
  publicDir: mode === "web" ? `${assets}/fonts` : false,
  build: { target: "safari15", outDir: mode === "web" ? "dist-web" : "dist", emptyOutDir: true, sourcemap: false },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test/setup.ts"],
    // Each test starts the real server on a store of its own (see src/test/server.global.ts).
    globalSetup: ["src/test/server.global.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
}));
