// Progress of long tasks (an import, a preview), pushed by the core as the window's event
// `balie://progress` (`app::tasks::PROGRESS_EVENT`), and a task id to give a command so its
// progress can be told apart and it can be cancelled (`cancelTask`).
import { listen } from '@tauri-apps/api/event';
import type { TaskProgress } from './types.gen';

export const PROGRESS_EVENT = 'balie://progress';

let counter = 0;

/** A task id unique in this window. */
export function newTaskId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** Calls `onProgress` for every progress report of the task `task`; returns the unsubscribe. */
export async function watchTask(task: string, onProgress: (p: TaskProgress) => void): Promise<() => void> {
  return listen<TaskProgress>(PROGRESS_EVENT, (event) => {
    if (event.payload.task === task) onProgress(event.payload);
  });
}
