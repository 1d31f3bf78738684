import path from 'node:path';
import { loadArchive } from '../../src/archive/loadArchive.js';
import { checkNumbering } from '../../src/archive/numbering.js';
import { loadConfig } from '../../src/config/load.js';
import { locateProject } from '../../src/config/locate.js';
import { severityOf } from '../../src/diagnostics/report.js';
import { findSources } from '../../src/core/sources.js';

export interface Found {
  file: string;
  line: number | null;
  severity: string;
  ruleId: string | null;
  message: string;
}

/** Runs the numbering rules over a fixture project; paths are shown relative to its root. */
export async function checkProject(root: string): Promise<Found[]> {
  const show = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
  const { config } = await loadConfig(locateProject(root), show);
  const sources = await findSources([], root, config.sources);
  const archive = await loadArchive(sources, show);
  checkNumbering(archive.entries, { reset: config.numbering.reset });
  return archive.files.flatMap((f) =>
    f.messages.map((m) => ({ file: f.path, line: m.line ?? null, severity: severityOf(m), ruleId: m.ruleId ?? null, message: m.reason })),
  );
}
