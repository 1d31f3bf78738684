#!/usr/bin/env node
// The `bulletin` executable: runs the compiled library in dist-lib/ (built by `npm run build`,
// which `prepack` runs when the package is packed or published; a source checkout compiles
// itself on its first run).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1+ caches compiled code on disk between runs; older Node simply starts a little slower.
module.enableCompileCache?.();

// A reader that goes away (`bulletin --help | head`) ends the run quietly, not with a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // The version alone needs none of the CLI: answer before loading it.
  const { version } = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  let main;
  try {
    main = await import('../dist-lib/cli/main.js');
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist-lib')) throw error;
    // A clone of the repository after `npm ci` (a package always ships compiled): compiled here,
    // once, so that `npm ci && npx bulletin build` is the whole set-up.
    if (!compileCheckout()) {
      process.stderr.write('bulletin 尚未编译：请在其目录中运行 `npm run build`（npm pack 与发布时会自动编译）。/ bulletin is not compiled yet: run `npm run build` in its folder.\n');
      process.exit(1);
    }
    main = await import('../dist-lib/cli/main.js');
  }
  process.exitCode = await main.run(argv);
}

/**
 * Compiles a source checkout on its first run: dist-lib/ (scripts/bundle.mjs) and the shipped
 * print fonts (scripts/fonts.ts, through tsx), as `npm run build` does but for the type
 * declarations. False where this is not a checkout with its development dependencies.
 */
function compileCheckout() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const here = (p) => path.join(root, p);
  if (!existsSync(here('scripts/bundle.mjs')) || !existsSync(here('node_modules/esbuild')) || !existsSync(here('node_modules/tsx'))) return false;
  const zh = !argv.includes('--lang=en') && argv[argv.indexOf('--lang') + 1] !== 'en';
  process.stderr.write(zh ? '首次在源码目录中运行：编译 bulletin 并备好随包字体（约 10–20 秒，只需一次）…\n' : 'First run in a source checkout: compiling bulletin and preparing its fonts (about 10–20 s, once)…\n');
  for (const args of [[here('scripts/bundle.mjs')], ['--import', 'tsx', here('scripts/fonts.ts')]]) {
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) return false;
  }
  return true;
}
