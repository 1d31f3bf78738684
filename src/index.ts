/**
 * bulletin as a library: the same functions the CLI calls, with injectable io (see core/io.ts).
 * Each is loaded on first call, so importing this module costs almost nothing.
 */
export type { Io } from './core/io.js';
export type { BuildOptions, BuildResult, Format } from './core/build.js';

export async function build(...args: Parameters<typeof import('./core/build.js').build>) {
  return (await import('./core/build.js')).build(...args);
}
export async function check(...args: Parameters<typeof import('./core/check.js').check>) {
  return (await import('./core/check.js')).check(...args);
}
export async function newIssue(...args: Parameters<typeof import('./core/newIssue.js').newIssue>) {
  return (await import('./core/newIssue.js')).newIssue(...args);
}
export async function importText(...args: Parameters<typeof import('./core/importText.js').importText>) {
  return (await import('./core/importText.js')).importText(...args);
}
export async function preview(...args: Parameters<typeof import('./core/preview.js').preview>) {
  return (await import('./core/preview.js')).preview(...args);
}
export async function verify(...args: Parameters<typeof import('./core/verify.js').verify>) {
  return (await import('./core/verify.js')).verify(...args);
}
