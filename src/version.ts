import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DetailError, details } from './diagnostics/errors.js';

/**
 * The package's own folder (holding package.json and templates/), found by walking up from this
 * module: the same answer from src/ under tsx, from the compiled dist-lib/ (whose chunks sit at
 * another depth) and from an installed package.
 */
export const PACKAGE_ROOT: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'templates'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new DetailError(details.installNotFound());
    dir = up;
  }
  return dir;
})();

/** The built-in Nunjucks templates, CSS and scripts. */
export const BUILTIN_TEMPLATES: string = path.join(PACKAGE_ROOT, 'templates') + path.sep;

/** The tool's version, from package.json: part of every output's provenance. */
export const VERSION: string = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
