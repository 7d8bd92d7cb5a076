// The only module the UI imports to talk to the core. The wrappers are generated from the
// command registry (crates/balie-core/src/app/commands.rs) into commands.gen.ts, the types
// from the Rust types into types.gen.ts.
export { ApiError } from './call';
export * from './commands.gen';
export type * from './types.gen';
export { deskSearchReady } from './search';
export { newTaskId, watchTask } from './progress';
export { fileBase64 } from './files';
