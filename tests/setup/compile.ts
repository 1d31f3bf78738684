// The tests that run bin/bulletin exercise the compiled dist-lib/: compile it from the current
// sources before any test runs, so a stale build can never pass or fail a test in their place.
// The shipped fonts/ are made too (at once when fonts/manifest.json says they are current).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function compile(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/fonts.ts'], { cwd: root, stdio: 'inherit' });
}
