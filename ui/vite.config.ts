import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { fileURLToPath } from "node:url";

const assets = fileURLToPath(new URL("../assets", import.meta.url));

// The UI is served by Tauri from ui/dist; `vite build --mode web` makes the
// browser's build (ui/dist-web, with the fonts beside the page) that
// roundtable-server serves; `npm run dev` serves it in a browser against
// the fake backend for quick layout work.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  resolve: {
    alias: { $assets: assets },
    // Component tests run in jsdom: use Svelte's browser build there too.
    ...(process.env.VITEST ? { conditions: ["browser"] } : {}),
  },
  clearScreen: false,
  server: { port: 5173, strictPort: true, fs: { allow: [".", assets] } },
  publicDir: mode === "web" ? `${assets}/fonts` : false,
  build: { target: "safari15", outDir: mode === "web" ? "dist-web" : "dist", emptyOutDir: true, sourcemap: false },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test/setup.ts"],
  },
}));
