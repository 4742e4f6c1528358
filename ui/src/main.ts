import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import Projector from "./screens/Projector.svelte";
import { useBackend } from "./lib/backend";
import { tauriBackend } from "./lib/backend/tauri";
import { FakeBackend } from "./lib/backend/fake";

// Inside the desktop app Tauri injects its IPC; in a plain browser (`npm run
// dev`) the fake backend stands in so screens can be worked on quickly.
const inTauri = "__TAURI_INTERNALS__" in window;
useBackend(inTauri ? tauriBackend : new FakeBackend());

// The projector window loads the same page with ?view=projector and shows
// only the shared screen.
const projector = new URLSearchParams(window.location.search).get("view") === "projector";
const target = document.getElementById("app");
if (target) {
  mount(projector ? Projector : App, { target });
}
