// Component-test helpers: a fresh fake backend per test, and axe-core run on
// what was rendered (jsdom cannot judge colour contrast; the e2e run does).
import axe from "axe-core";
import { FakeBackend } from "../lib/backend/fake";
import { useBackend } from "../lib/backend";

export function freshBackend(): FakeBackend {
  const fake = new FakeBackend();
  useBackend(fake);
  return fake;
}

export async function unlockedBackend(): Promise<FakeBackend> {
  const fake = freshBackend();
  await fake.setUp({ name: "Yusuf Ali", role: "coordinator", passphrase: "violet harbour kettle", confirm_passphrase: "violet harbour kettle" });
  return fake;
}

export async function axeViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
