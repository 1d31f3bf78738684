// Every temporary folder of a test run (projects, user caches with an unpacked Chromium, packed
// and installed packages, browser profiles) goes into one folder of the run's own, removed when
// the run ends: a suite run left 0.7–1.5 GB behind in the system temp folder before.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function tmpdirOfTheRun(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-tests-'));
  // Open to every user as the system temp folder is (the sandbox test builds as an unprivileged one).
  chmodSync(dir, 0o1777);
  // Read by os.tmpdir() in the test workers, which inherit this environment, and in what they start.
  process.env.TMPDIR = dir;
  process.env.TMP = dir;
  process.env.TEMP = dir;
  return () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
