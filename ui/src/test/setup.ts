import { cleanup } from "@testing-library/svelte";
import { afterEach } from "vitest";
import { stopServers } from "./render";

// jsdom lacks a few browser APIs the screens touch.
if (!("scrollIntoView" in Element.prototype)) {
  Object.defineProperty(Element.prototype, "scrollIntoView", { value: () => {} });
}
// A download hands the browser an object URL; jsdom has none to give.
URL.createObjectURL = () => "blob:roundtable-test";
URL.revokeObjectURL = () => {};

// Screens are taken down before their server, so nothing they still ask goes unanswered.
afterEach(async () => {
  cleanup();
  await stopServers();
});
