// One "saved" indicator for a screen where many small edits are committed as
// they are made (the cockpit): every write goes through `track`, and the
// indicator shows saving while any is in flight, then saved or failed.
import type { SaveState } from "./components/SaveStatus.svelte";
import { toApiError } from "./backend";

export class SaveTracker {
  state: SaveState = $state("idle");
  /** A refusal that is not about one field (e.g. the minutes are approved), to show in words. */
  problem = $state("");
  private pending = 0;
  private failed = false;
  private started = 0;

  /** How many writes have been sent so far: a reading taken when none was in flight is current until this moves on. */
  get sent(): number {
    return this.started;
  }

  /** True while any write is still on its way to the store. */
  get busy(): boolean {
    return this.pending > 0;
  }

  async track<T>(work: Promise<T>): Promise<T> {
    this.pending += 1;
    this.started += 1;
    this.state = "saving";
    try {
      const value = await work;
      return value;
    } catch (err) {
      const e = toApiError(err);
      // A stale edit is shown where it was typed, and its editor saves
      // again: whether that edit ends saved is its autosave's own verdict,
      // tracked too. Any other refusal is a failure of this batch.
      if (e.code !== "conflict") this.failed = true;
      if (e.code !== "validation" && e.code !== "conflict" && !(err instanceof Error)) this.problem = e.message;
      throw err;
    } finally {
      this.pending -= 1;
      if (this.pending === 0) {
        this.state = this.failed ? "failed" : "saved";
        if (!this.failed) this.problem = "";
        this.failed = false;
      }
    }
  }
}
