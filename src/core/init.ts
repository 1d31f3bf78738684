import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { commentedConfig } from '../config/commented.js';
import { CONFIG_NAME } from '../config/load.js';
import { bulletinError, WRITE_ERROR_CODES, type BulletinError } from '../diagnostics/errors.js';
import { BUILTIN_TEMPLATES, VERSION } from '../version.js';
import { displayPath, type Io } from './io.js';

export interface InitOptions {
  /** The folder to create the project in (default: the current folder). */
  dir?: string;
  /** The demo issue's date, YYYY-MM-DD (default: today). */
  date?: string;
  /** Parallel build jobs in the CI example. */
  shards?: number;
  io: Io;
}

export interface InitResult {
  /** 0 written; 1 refused (`error` says why: a file exists, or the folder cannot be written). */
  exitCode: number;
  root: string;
  /** Project-relative paths written, in order. */
  files: string[];
  error?: BulletinError;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The project's package.json: bulletin pinned to the version that made the project, as a
 * development dependency, so `npm ci` (the CI workflow, a colleague's checkout) installs the
 * same bulletin and `npx bulletin` runs it; scripts for the three everyday commands.
 */
export function projectPackage(version: string): string {
  const pkg = {
    private: true,
    scripts: { check: 'bulletin check', build: 'bulletin build', preview: 'bulletin preview' },
    devDependencies: { bulletin: version },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/**
 * `bulletin init [dir]`: a project ready to build — a commented bulletin.config.yaml with every
 * option, a demo issue that passes `check`, .gitignore for the output, a package.json that pins
 * bulletin, and a GitHub Actions workflow (npm ci; check, sharded build, index). Writes nothing
 * if any of these files exists, except package.json: a folder that is an npm project already
 * keeps its own (add bulletin with `npm i -D bulletin`).
 */
export async function init(options: InitOptions): Promise<InitResult> {
  const root = path.resolve(options.io.cwd, options.dir ?? '.');
  const date = options.date ?? today();
  const [year = '', month = '', day = ''] = date.split('-');
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(BUILTIN_TEMPLATES, 'init')), { autoescape: false, throwOnUndefined: true });
  const files: Array<[string, string]> = [
    [CONFIG_NAME, commentedConfig()],
    [`bulletins/${year}/001.md`, env.render('issue.md.njk', { date, year, month: Number(month), day: Number(day) })],
    ['.github/workflows/bulletin.yml', env.render('workflow.yml.njk', { shards: options.shards ?? 2 })],
  ];
  if (!existsSync(path.join(root, 'package.json'))) files.push(['package.json', projectPackage(VERSION)]);
  // Only what the project's commands create: the output, and node_modules when npm installs into it.
  files.splice(2, 0, ['.gitignore', `${env.render('gitignore', { npm: files.some(([rel]) => rel === 'package.json') }).trim()}\n`]);
  const existing = files.filter(([rel]) => existsSync(path.join(root, rel))).map(([rel]) => displayPath(options.io, path.join(root, rel)));
  if (existing.length) return { exitCode: 1, root, files: [], error: bulletinError('InitTargetExists', [existing.join('、')]) };
  const written: string[] = [];
  for (const [rel, text] of files) {
    const target = path.join(root, rel);
    try {
      await mkdir(path.dirname(target), { recursive: true });
      // `wx`: a file that appeared since the check above is still never overwritten.
      await writeFile(target, text, { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const told = code === 'EEXIST' ? bulletinError('InitTargetExists', [displayPath(options.io, target)]) : bulletinError('OutputNotWritable', [displayPath(options.io, target), WRITE_ERROR_CODES.has(code) ? code : (error as Error).message], error);
      return { exitCode: 1, root, files: written, error: told };
    }
    written.push(rel);
  }
  return { exitCode: 0, root, files: written };
}
