// The one place that talks to Tauri's IPC: every generated command wrapper calls `call`.
import { invoke } from '@tauri-apps/api/core';
import { tm } from '$lib/i18n/index.svelte';
import type { ErrorCode, ErrorPayload } from './types.gen';

/**
 * An error of the core. Its message is in the window's language when the core said it with
 * a message of its catalogue (`translated`), else the core's Dutch.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly translated: boolean;
  constructor(payload: Pick<ErrorPayload, 'code' | 'message'> & { msg?: ErrorPayload['msg'] }) {
    const text = payload.msg ? tm(payload.msg) : null;
    super(text ? text.charAt(0).toUpperCase() + text.slice(1) : payload.message);
    this.code = payload.code;
    this.translated = !!text;
  }
}

function isPayload(e: unknown): e is ErrorPayload {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isPayload(e)) throw new ApiError(e);
    throw new ApiError({ code: 'internal', message: String(e) });
  }
}
