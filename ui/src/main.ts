import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import Projector from "./screens/Projector.svelte";
import { useBackend, type Backend } from "./lib/backend";
import { registerFonts } from "./lib/fonts";

// The backend is chosen when the UI is built: the desktop build talks to
// Tauri, the web build (`vite build --mode web`, served by roundtable-server,
// and `npm run dev`, which sends /api on to a running server) to the
// server. Neither is in the other's bundle (each branch below is dropped by
// the build when its condition is known to be false).
async function chooseBackend(): Promise<{ backend: Backend; fonts: string }> {
  if (import.meta.env.MODE === "web") {
    const { webBackend } = await import("./lib/backend/web");
    // The web build carries the fonts beside the page.
    return { backend: webBackend, fonts: "/" };
  }
  const { tauriBackend } = await import("./lib/backend/tauri");
  const { convertFileSrc } = await import("@tauri-apps/api/core");
  // The desktop app serves the fonts from its binary (its `fonts:` scheme).
  return { backend: tauriBackend, fonts: convertFileSrc("", "fonts") };
}

void chooseBackend().then(async ({ backend, fonts }) => {
  useBackend(backend);
  // Every window (the projector's too) draws names in every script.
  registerFonts(fonts);
  // The projector loads the same page with ?view=projector and shows only
  // the shared screen.
  const projector = new URLSearchParams(window.location.search).get("view") === "projector";
  const target = document.getElementById("app");
  if (target) {
    const web = import.meta.env.MODE === "web" && (await import("./screens/web/WebApp.svelte")).default;
    const root = projector ? Projector : web || App;
    mount(root, { target });
  }
});
