// The desk search for screens that only want the hits: while the core is still building
// its search index (just after the start, or after an import) it answers `building`;
// this asks again until it is ready (at most a minute), so a picker never shows "no one"
// for a name that is there.
import { deskSearch } from './commands.gen';
import type { DeskSearch } from './types.gen';

const RETRY_MS = 150;
const GIVE_UP_MS = 60_000;

export async function deskSearchReady(query: string, listId: string): Promise<DeskSearch> {
  const until = performance.now() + GIVE_UP_MS;
  for (;;) {
    const found = await deskSearch(query, listId);
    if (!found.building || performance.now() > until) return found;
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}
