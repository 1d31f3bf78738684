import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { BuildOptions, Format } from './types.js';
import { discoverProject, type Project } from '../analyse.js';
import { displayPath } from '../io.js';
import { checkOutputPlace } from '../outputFolder.js';

/** The options of a run with what follows from them and the project, worked out once. */
export interface Run extends BuildOptions {
  project: Project;
  formats: Format[];
  /** Issues printed at once (--concurrency, else the cores). */
  concurrency: number;
  /** The output folder, absolute. */
  outDir: string;
  /** The project's own output folder (config `out`), absolute: where the kept analysis lives. */
  projectOut: string;
  /** PDFs as PDF/A-2b: --pdfa, or config pdf.pdfa. */
  pdfa: boolean;
}

/**
 * Stage 1, plan: the project (config and sources), the formats, the output folder, the concurrency.
 * An output folder that is not bulletin's to write (`/`, the home folder, the project, its
 * sources; outside the project unless named by `out` rather than the config) is refused here,
 * before anything is read from it or written.
 */
export async function plan(options: BuildOptions): Promise<Run> {
  const project = options.project ?? (await discoverProject(options.io));
  const { cwd } = options.io;
  const { config } = project.loaded;
  const outDir = path.resolve(cwd, options.out ?? config.out);
  checkOutputPlace({
    outDir,
    root: cwd,
    sourcesDir: path.resolve(cwd, config.sources),
    named: options.out !== undefined,
    configName: project.loaded.file?.path ?? 'bulletin.config.yaml',
    env: options.io.env,
    show: (abs) => displayPath(options.io, abs),
  });
  return {
    ...options,
    project,
    formats: options.formats ?? ['html', 'pdf'],
    concurrency: Math.max(1, options.concurrency ?? availableParallelism()),
    outDir,
    projectOut: path.resolve(cwd, project.loaded.config.out),
    pdfa: options.pdfa === true || project.loaded.config.pdf.pdfa,
  };
}
