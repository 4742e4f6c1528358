import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { fileURLToPath } from "node:url";

const assets = fileURLToPath(new URL("../assets", import.meta.url));

// The UI is served by Tauri from ui/dist; `npm run dev` serves it in a browser
// against the fake backend for quick layout work.
export default defineConfig({
  plugins: [svelte()],
  resolve: {
    alias: { $assets: assets },
    // Component tests run in jsdom: use Svelte's browser build there too.
    ...(process.env.VITEST ? { conditions: ["browser"] } : {}),
  },
  clearScreen: false,
  server: { port: 5173, strictPort: true, fs: { allow: [".", assets] } },
  build: { target: "safari15", outDir: "dist", emptyOutDir: true, sourcemap: false },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test/setup.ts"],
  },
});
