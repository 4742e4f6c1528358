// Commits edits as they are made: a short pause in typing, or leaving a field,
// saves. Saves never overlap; the newest values always win. `save` returns
// whether the store accepted the values (false: an error is shown instead).
import type { ApiError } from "./bindings";
import { toApiError } from "./backend";
import type { SaveState } from "./components/SaveStatus.svelte";
import type { SaveTracker } from "./saves.svelte";

/** Autosaves with a save waiting or running, so a lock can finish them first. */
// Not state: nothing renders from it. (eslint-disable: a plain Set on purpose.)
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const unsaved = new Set<Autosave>();

/** Saves every edit still waiting anywhere in the app (before locking). */
export async function flushAllSaves(): Promise<void> {
  await Promise.all([...unsaved].map((a) => a.flush()));
}

export class Autosave {
  state: SaveState = $state("idle");
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly save: () => Promise<boolean>,
    private readonly delayMs = 500,
    /** A screen-wide indicator that shows "saving" until every queued save is done. */
    private readonly tracker?: SaveTracker,
  ) {}

  /** Call on every keystroke: saves once typing pauses. */
  schedule(): void {
    unsaved.add(this);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.now(), this.delayMs);
  }

  /** Call when a field is left or a choice is made: saves at once. */
  now(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    unsaved.add(this);
    this.state = "saving";
    const run = (async () => {
      try {
        let ok = await this.save();
        while (this.again) {
          this.again = false;
          ok = await this.save();
        }
        this.state = ok ? "saved" : "failed";
      } catch {
        this.state = "failed";
      } finally {
        this.running = null;
        if (this.timer === undefined) unsaved.delete(this);
      }
    })();
    this.running = run;
    this.tracker
      ?.track(
        run.then(() => {
          if (this.state === "failed") throw new Error("not saved");
        }),
      )
      .catch(() => undefined);
    return run;
  }

  /** Saves anything still waiting (e.g. when the form closes). */
  flush(): Promise<void> {
    if (this.timer !== undefined) return this.now();
    return this.running ?? Promise.resolve();
  }
}

/**
 * Runs one save for an Autosave: `report` gets the error to show beside the
 * fields, or null once saved. Resolves to whether the store accepted it.
 */
export async function attemptSave(report: (error: ApiError | null) => void, save: () => Promise<void>): Promise<boolean> {
  try {
    await save();
    report(null);
    return true;
  } catch (err) {
    report(toApiError(err));
    return false;
  }
}
