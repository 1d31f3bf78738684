import type { VFile } from 'vfile';
import type { Said } from '../../diagnostics/errors.js';
import type { ManifestEntry } from '../../model/manifest.js';
import type { Format } from '../../pipeline/index.js';
import type { Io } from '../io.js';
import type { Project } from '../analyse.js';
import type { Shard } from '../publish.js';

export type { Format };

export interface BuildOptions {
  paths?: string[];
  out?: string;
  formats?: Format[];
  /** Browser start-up details go to the events as 'log'. */
  verbose?: boolean;
  /** Build only this deterministic part of the issues, for parallel CI jobs. */
  shard?: Shard;
  /** `--draft`: build sources that still hold 【待补】, marked as drafts (watermark, manifest). */
  draft?: boolean;
  /** `--pdfa`: PDFs as PDF/A-2b (or config pdf.pdfa). */
  pdfa?: boolean;
  /** `--force`: build every issue, whatever the cache says is unchanged. */
  force?: boolean;
  /** `--force-out`: write into an output folder that holds other files or another project's outputs. */
  forceOut?: boolean;
  /** `--browser PATH`: the browser to print with, before config and environment. */
  browser?: string;
  /** `--concurrency N`: issues printed at once, each on its own warm tab (default: the cores). */
  concurrency?: number;
  io: Io;
  /** Aborted on SIGINT/SIGTERM (see interrupt.ts): the build stops, cleans up and returns Interrupted. */
  signal?: AbortSignal;
  /** The config and source list already read (preview, between saves): not read again. */
  project?: Project;
  /** Told as the run goes: each issue when it is done, unchanged or failed (the CLI prints them). */
  onEvent?: (event: BuildEvent) => void;
}

export type BuildEvent =
  /** The run's issues are known: `total` of them, of which `toBuild` are to be built (a cold build's bodies are analysed as they come, so one of these may still fail). */
  | { type: 'start'; total: number; toBuild: number; outDir: string }
  /** An issue starts being built. */
  | { type: 'begin'; source: string }
  /** One issue is through: built, unchanged (the cache had it) or failed (its messages say why). */
  | { type: 'issue'; source: string; status: 'built' | 'unchanged' | 'failed'; entry?: ManifestEntry; errors: number; done: number; total: number }
  /** A detail for --verbose (browser discovery and start-up). */
  | { type: 'log'; text: Said }
  /** A first run's slow work (the bundled Chromium unpacked, a project's print fonts cut): told before it starts (done 0), and as it goes. */
  | { type: 'prepare'; step: 'browser' | 'fonts'; done: number; total: number };

export interface BuiltIssue {
  file: VFile;
  entry?: ManifestEntry;
  /** Its inputs and outputs were as the cache recorded: nothing was built or written. */
  unchanged?: boolean;
}

export interface BuildResult {
  /** 0 ok, 1 problems (in a source, or the run's `error`), 130/143 interrupted. */
  exitCode: number;
  /** Every source (and a config file with errors), with its messages and what was built. */
  issues: BuiltIssue[];
  /** Requests the renderer refused, over all issues. */
  blocked: string[];
  /** The output folder (absolute). */
  outDir?: string;
  /**
   * A failure that is not about a place in a source, from the error catalogue (no sources, the
   * lock held, no browser, an output that cannot be written, an interruption). build() never
   * throws for these: this is its one error channel.
   */
  error?: unknown;
}
