import { mount } from "svelte";
import { convertFileSrc } from "@tauri-apps/api/core";
import "./app.css";
import App from "./App.svelte";
import Projector from "./screens/Projector.svelte";
import { useBackend } from "./lib/backend";
import { tauriBackend } from "./lib/backend/tauri";
import { FakeBackend } from "./lib/backend/fake";
import { registerFonts } from "./lib/fonts";

// Inside the desktop app Tauri injects its IPC; in a plain browser (`npm run
// dev`) the fake backend stands in so screens can be worked on quickly.
const inTauri = "__TAURI_INTERNALS__" in window;
useBackend(inTauri ? tauriBackend : new FakeBackend());
// Every window (the projector's too) draws names in every script.
// The desktop app serves them from its binary (its `fonts:` scheme).
registerFonts(inTauri ? convertFileSrc("", "fonts") : "");

// The projector window loads the same page with ?view=projector and shows
// only the shared screen.
const projector = new URLSearchParams(window.location.search).get("view") === "projector";
const target = document.getElementById("app");
if (target) {
  mount(projector ? Projector : App, { target });
}
