// One "saved" indicator for a screen where many small edits are committed as
// they are made (the cockpit): every write goes through `track`, and the
// indicator shows saving while any is in flight, then saved or failed.
import type { SaveState } from "./components/SaveStatus.svelte";

export class SaveTracker {
  state: SaveState = $state("idle");
  private pending = 0;
  private failed = false;

  async track<T>(work: Promise<T>): Promise<T> {
    this.pending += 1;
    this.state = "saving";
    try {
      const value = await work;
      return value;
    } catch (err) {
      this.failed = true;
      throw err;
    } finally {
      this.pending -= 1;
      if (this.pending === 0) {
        this.state = this.failed ? "failed" : "saved";
        this.failed = false;
      }
    }
  }
}
