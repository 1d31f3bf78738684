import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { packageVersion, sweepCache, userCacheRoot, writeCacheFileSync } from '../paths.js';
import { VERSION } from '../version.js';

/** The environment options that change what a template compiles to. */
export interface CompileOptions {
  autoescape: boolean;
  throwOnUndefined: boolean;
  trimBlocks: boolean;
}

/** nunjucks' compiler, which its type declarations leave out. */
const { compiler } = nunjucks as unknown as {
  compiler: { compile(src: string, asyncFilters: string[], extensions: unknown[], name: string, options: CompileOptions): string };
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
 */
export class CompiledLoader extends nunjucks.FileSystemLoader {
  /** templates-v2: files that begin with the hash of their code (templates-v1 is older versions'). */
  private readonly folder: string;

  constructor(
    searchPaths: string[],
    private readonly options: CompileOptions,
    env: Record<string, string | undefined>,
  ) {
    super(searchPaths, { noCache: false });
    this.folder = path.join(userCacheRoot(env), 'bulletin', 'templates-v2');
  }

  override getSource(name: string): nunjucks.LoaderSource {
    const source = super.getSource(name) as nunjucks.LoaderSource | null;
    if (!source) return source as unknown as nunjucks.LoaderSource;
    nunjucksVersion ??= nunjucksIdentity();
    const key = createHash('sha256')
      .update(JSON.stringify([nunjucksVersion, source.path, this.options, source.src]))
      .digest('hex')
      .slice(0, 32);
    const file = path.join(this.folder, `${key}.js`);
    const props = this.kept(file) ?? this.compile(source, file);
    return props ? { ...source, src: { type: 'code', obj: props } as unknown as string } : source;
  }

  private kept(file: string): unknown {
    try {
      const code = keptCode(readFileSync(file, 'utf8'));
      return code === undefined ? undefined : run(code);
    } catch {
      return undefined; // not kept yet, or unreadable: compile
    }
  }

  private compile(source: nunjucks.LoaderSource, file: string): unknown {
    let code: string;
    try {
      code = compiler.compile(source.src, [], [], source.path, this.options);
    } catch {
      return undefined; // nunjucks reports the template's error itself, with its place
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
function run(code: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- nunjucks' own way to load compiled code
  return new Function(code)();
}
