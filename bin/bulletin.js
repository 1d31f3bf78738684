#!/usr/bin/env node
// The `bulletin` executable: runs the compiled library in dist-lib/ (built by `npm run build`,
// which `prepare` runs on `npm ci` / `npm install`).
import { readFileSync } from 'node:fs';
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
    process.stderr.write('bulletin 尚未编译：请在其目录中运行 `npm run build`（npm pack 与发布时会自动编译）。/ bulletin is not compiled yet: run `npm run build` in its folder.\n');
    process.exit(1);
  }
  process.exitCode = await main.run(argv);
}
