import { statSync } from 'node:fs';
import path from 'node:path';

export const CONFIG_NAME = 'bulletin.config.yaml';

/** Where a project is: its root folder and its config file (which need not exist). */
export interface ProjectPlace {
  root: string;
  config: string;
  /** A project was found (a config file, a bulletins/ folder, or --config); else the root is the working folder. */
  found: boolean;
  /** The config was named by the user (--config): a missing file is an error, not the preset. */
  named: boolean;
}

/** What locateProject asks of the file system: injected so Windows paths can be tried with path.win32. */
export interface PlaceFs {
  path: path.PlatformPath;
  isFile: (p: string) => boolean;
  isDirectory: (p: string) => boolean;
}

const kind = (p: string) => {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
};
const nodeFs: PlaceFs = { path, isFile: (p) => kind(p)?.isFile() === true, isDirectory: (p) => kind(p)?.isDirectory() === true };

/**
 * Finds the project the way git finds a repository: from the working folder up to the root of
 * the drive, the nearest folder that holds bulletin.config.yaml or a bulletins/ folder. A config
 * named by the user (--config) makes its own folder the root. Nothing found: the working folder.
 */
export function locateProject(cwd: string, named?: string, fs: PlaceFs = nodeFs): ProjectPlace {
  const p = fs.path;
  const start = p.resolve(cwd);
  if (named !== undefined) {
    const config = p.resolve(start, named);
    return { root: p.dirname(config), config, found: true, named: true };
  }
  for (let dir = start; ; dir = p.dirname(dir)) {
    const config = p.join(dir, CONFIG_NAME);
    if (fs.isFile(config) || fs.isDirectory(p.join(dir, 'bulletins'))) return { root: dir, config, found: true, named: false };
    if (p.dirname(dir) === dir) break;
  }
  return { root: start, config: p.join(start, CONFIG_NAME), found: false, named: false };
}
