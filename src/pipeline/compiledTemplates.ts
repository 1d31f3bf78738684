import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { specialKind } from '../text/regularFile.js';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { isInside, packageVersion, sweepCache, userCacheRoot, writeCacheFileSync } from '../paths.js';
import { VERSION } from '../version.js';
import { compileSandboxed, sandboxed, TemplateCheckError } from './templateSandbox.js';

/** The environment options that change what a template compiles to. */
export interface CompileOptions {
  autoescape: boolean;
  throwOnUndefined: boolean;
  trimBlocks: boolean;
  lstripBlocks?: boolean;
}

/** A template file whose real path (links followed) is outside the folder it must stay in. */
export class TemplateOutsideError extends Error {
  override name = 'TemplateOutside';
}

/** A template that is a FIFO, a device or a socket: never read. */
export class TemplateNotAFileError extends Error {
  override name = 'TemplateNotAFile';
}

/** Bumped when what a compiled template may do changes (the sandbox's checks run at compile time). */
const SANDBOX = 'sandbox-1';

/** nunjucks' compiler, which its type declarations leave out. */
type NunjucksError = Error & { Update(path: string): void };
const { lib } = nunjucks as unknown as {
  lib: { TemplateError: new (message: string, lineno: number, colno: number) => NunjucksError };
};

let nunjucksVersion: string | undefined;

/** nunjucks' version where it is installed (a checkout); in an installed bulletin it is bundled into dist-lib, and bulletin's version names it. */
function nunjucksIdentity(): string {
  try {
    return packageVersion('nunjucks');
  } catch {
    return `bundled in bulletin@${VERSION}`;
  }
}

/**
 * A file-system loader whose templates come compiled: nunjucks turns a template into JavaScript
 * (lexer, parser, compiler) in every process, 45–100 ms for the issue page, its blocks and the
 * pagination script, which a one-issue build paid each time. The compiled code is kept in the
 * user's cache folder under a hash of everything it is made from (nunjucks' version, the
 * template's path and text, the options), so an edited template or another nunjucks compiles
 * anew; a kept file that does not hold the hash of its code, or cannot be read or run, is compiled again.
 *
 * Every template runs in the sandbox (templateSandbox.ts), and is read only when its real path,
 * links followed, lies inside `confine` (the project, for its templates/ folder) or inside the
 * search path it was found in.
 */
export class CompiledLoader extends nunjucks.FileSystemLoader {
  /** templates-v2: files that begin with the hash of their code (templates-v1 is older versions'). */
  private readonly folder: string;
  private readonly confine: Record<string, string>;

  constructor(
    searchPaths: string[],
    private readonly options: CompileOptions,
    env: Record<string, string | undefined>,
    /** Search path → the folder its templates must really be in (default: the search path itself). */
    confine: Record<string, string> = {},
  ) {
    super(searchPaths, { noCache: false });
    this.confine = Object.fromEntries(Object.entries(confine).map(([k, v]) => [path.normalize(k), v]));
    this.folder = path.join(userCacheRoot(env), 'bulletin', 'templates-v2');
  }

  override getSource(name: string): nunjucks.LoaderSource {
    // Where nunjucks' loader will read it: judged before it is read.
    const searchPaths = (this as unknown as { searchPaths: string[] }).searchPaths;
    const found = searchPaths.map((p) => path.resolve(p, name)).find((p, i) => isInside(path.resolve(searchPaths[i]!), p) && existsSync(p));
    if (found) this.checkPlace(found);
    const source = super.getSource(name) as nunjucks.LoaderSource | null;
    if (!source) return source as unknown as nunjucks.LoaderSource;
    nunjucksVersion ??= nunjucksIdentity();
    const key = createHash('sha256')
      .update(JSON.stringify([nunjucksVersion, SANDBOX, source.path, this.options, source.src]))
      .digest('hex')
      .slice(0, 32);
    const file = path.join(this.folder, `${key}.js`);
    const props = this.kept(file) ?? this.compile(source, file);
    return { ...source, src: { type: 'code', obj: sandboxed(props) } as unknown as string };
  }

  /** Refuses a template whose real path leaves the folder it was found in (or the project, for the project's own). */
  private checkPlace(file: string): void {
    const searchPath = (this as unknown as { searchPaths: string[] }).searchPaths.find((p) => isInside(path.resolve(p), file));
    if (!searchPath) throw new TemplateOutsideError(file);
    const bound = this.confine[searchPath] ?? searchPath;
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      return; // gone since it was read: nothing was read through a link
    }
    if (!isInside(realpathSync(bound), real)) throw new TemplateOutsideError(`${file} → ${real}`);
    // A FIFO or a device would block the loader's read, or never end.
    if (!statSync(real).isFile()) throw new TemplateNotAFileError(`${file} → ${specialKind(statSync(real))}`);
  }

  private kept(file: string): Record<string, unknown> | undefined {
    try {
      const code = keptCode(readFileSync(file, 'utf8'));
      return code === undefined ? undefined : run(code);
    } catch {
      return undefined; // not kept yet, or unreadable: compile
    }
  }

  private compile(source: nunjucks.LoaderSource, file: string): Record<string, unknown> {
    let code: string;
    try {
      code = compileSandboxed(source.src, source.path, this.options);
    } catch (error) {
      // The template's error with its place, as nunjucks gives it: "(path) [Line n, Column m]".
      const templateError =
        error instanceof TemplateCheckError ? new lib.TemplateError(error.message, error.line, error.column) : (error as Partial<NunjucksError>);
      if (typeof templateError.Update !== 'function') throw error;
      templateError.Update(source.path);
      throw templateError;
    }
    try {
      writeCacheFileSync(file, sealCode(code));
      // Compiled forms of templates since edited (or of another nunjucks) go after CACHE_DAYS days.
      void sweepCache(this.folder);
    } catch {
      // a read-only cache only costs time
    }
    return run(code);
  }
}

/** The first line of a kept compiled template: the hash of the code below it. */
const HEADER = '// bulletin compiled template sha256:';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A compiled template as kept: the hash of its code, then the code. */
export function sealCode(code: string): string {
  return `${HEADER}${sha(code)}\n${code}`;
}

/**
 * The code of a kept compiled template, when the file is whole: its first line holds the hash
 * of the rest. A file damaged or altered since it was written is compiled again, never run.
 */
export function keptCode(text: string): string | undefined {
  const end = text.indexOf('\n');
  if (!text.startsWith(HEADER) || end < 0) return undefined;
  const code = text.slice(end + 1);
  return text.slice(HEADER.length, end) === sha(code) ? code : undefined;
}

/** What nunjucks' Template runs a compiled template as: a function body returning its blocks and root. */
function run(code: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- nunjucks' own way to load compiled code
  return new Function(code)() as Record<string, unknown>;
}
