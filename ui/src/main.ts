import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { useBackend } from "./lib/backend";
import { tauriBackend } from "./lib/backend/tauri";
import { FakeBackend } from "./lib/backend/fake";

// Inside the desktop app Tauri injects its IPC; in a plain browser (`npm run
// dev`) the fake backend stands in so screens can be worked on quickly.
const inTauri = "__TAURI_INTERNALS__" in window;
useBackend(inTauri ? tauriBackend : new FakeBackend());

const target = document.getElementById("app");
if (target) {
  mount(App, { target });
}
