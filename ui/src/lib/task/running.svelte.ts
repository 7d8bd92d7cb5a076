// One long task run from a view (a document, a bundle, a backup, an import): its id for
// the command, its progress as the core reports it, and cancelling it. A view keeps one
// `Running`, disables its buttons while `busy`, and shows `<TaskStatus>` for it.
import { cancelTask, newTaskId, watchTask, type TaskProgress } from '$lib/api';

export class Running {
  /** The id of the task running now, or null. */
  id: string | null = $state(null);
  progress: TaskProgress | null = $state(null);
  /** Staff asked to stop it; the command has not answered yet. */
  cancelling = $state(false);
  /** The last task ended because staff stopped it (nothing was changed). */
  cancelled = $state(false);

  constructor(private readonly prefix: string) {}

  get busy(): boolean {
    return this.id !== null;
  }

  /** Runs `action` with a fresh task id; rethrows its error unless staff cancelled it (then null). */
  async run<T>(action: (task: string) => Promise<T>): Promise<T | null> {
    const id = newTaskId(this.prefix);
    this.id = id;
    this.progress = null;
    this.cancelling = false;
    this.cancelled = false;
    const unwatch = await watchTask(id, (p) => (this.progress = p)).catch(() => () => {});
    try {
      return await action(id);
    } catch (e) {
      if (this.cancelling) {
        this.cancelled = true;
        return null;
      }
      throw e;
    } finally {
      unwatch();
      this.id = null;
      this.progress = null;
      this.cancelling = false;
    }
  }

  async cancel(): Promise<void> {
    if (!this.id) return;
    this.cancelling = true;
    await cancelTask(this.id).catch(() => false);
  }
}
