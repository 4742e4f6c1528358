import { describe, expect, it, vi } from "vitest";
import { Autosave } from "../lib/autosave.svelte";
import { toApiError } from "../lib/backend";
import { parseWholeNumber } from "../lib/errors";

describe("Autosave", () => {
  it("saves once typing pauses, and at once when asked", async () => {
    vi.useFakeTimers();
    const save = vi.fn(async () => true);
    const autosave = new Autosave(save, 500);
    autosave.schedule();
    autosave.schedule();
    autosave.schedule();
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(save).toHaveBeenCalledTimes(1);
    expect(autosave.state).toBe("saved");
    await autosave.now();
    expect(save).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });

  it("never overlaps saves and always saves the newest values last", async () => {
    let release: () => void = () => {};
    const seen: number[] = [];
    let value = 1;
    const autosave = new Autosave(async () => {
      seen.push(value);
      if (seen.length === 1) await new Promise<void>((r) => (release = r));
      return true;
    });
    const first = autosave.now();
    value = 2;
    void autosave.now();
    value = 3;
    void autosave.now();
    release();
    await first;
    expect(seen).toEqual([1, 3]);
  });

  it("reports a refused save", async () => {
    const autosave = new Autosave(async () => false);
    await autosave.now();
    expect(autosave.state).toBe("failed");
  });

  it("flush saves what is still waiting", async () => {
    const save = vi.fn(async () => true);
    const autosave = new Autosave(save, 10_000);
    autosave.schedule();
    await autosave.flush();
    expect(save).toHaveBeenCalledTimes(1);
  });
});

describe("helpers", () => {
  it("turns anything a backend throws into an ApiError", () => {
    expect(toApiError({ code: "locked", message: "Roundtable is locked." })).toEqual({
      code: "locked",
      message: "Roundtable is locked.",
      fields: [],
    });
    expect(toApiError("invalid args `id` for command").code).toBe("storage");
    expect(toApiError(new Error("boom")).message).toContain("could not do that");
  });

  it("accepts only whole numbers", () => {
    expect(parseWholeNumber(" 180 ")).toBe(180);
    for (const bad of ["", "-1", "1.5", "3 hours", "9999999"]) expect(parseWholeNumber(bad)).toBeNull();
  });
});
