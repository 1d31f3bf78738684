#!/usr/bin/env node
// The `bulletin` executable: loads the TypeScript sources through tsx and hands over to the CLI.
import { register } from 'tsx/esm/api';

// A reader that goes away (`bulletin --help | head`) ends the run quietly, not with a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

register();
const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
