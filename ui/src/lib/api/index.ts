// The only module that talks to Tauri. Everything else calls these typed functions.
import { invoke } from '@tauri-apps/api/core';
import type { AppInfo, ErrorCode, ErrorPayload, Programme } from './types.gen';

export type * from './types.gen';

/** A failed command: the core's `{code, message}`; the UI branches on `code`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
  }
}

function isPayload(e: unknown): e is ErrorPayload {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isPayload(e)) throw new ApiError(e);
    throw new ApiError({ code: 'internal', message: String(e) });
  }
}

export const appInfo = (): Promise<AppInfo> => call('app_info');
export const programme = (): Promise<Programme> => call('programme');
