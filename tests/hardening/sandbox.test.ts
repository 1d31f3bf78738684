// Run as a real unprivileged user (when the suite runs as root, as CI does): the bundled
// Chromium starts with its sandbox, unpacked into that user's own folder, and prints the PDF.
import { execFile } from 'node:child_process';
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { tempProject } from '../helpers/project.js';

const NOBODY = 65534;
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

it.skipIf(!asRoot)('builds a PDF as an unprivileged user, sandbox kept', async () => {
  const dir = await tempProject({ 'bulletins/a.md': '---\nissue: 1\ntotal: 1\ndate: 2021-01-04\n---\n\n# 标题\n\n正文。\n' });
  await chmod(dir, 0o777);
  await chmod(path.join(dir, 'bulletins'), 0o777);
  const env = { PATH: process.env.PATH ?? '', HOME: '/nonexistent', LANG: 'C.UTF-8' };
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'build', '--verbose'], { cwd: dir, uid: NOBODY, gid: NOBODY, env });
  expect(stdout).toContain('✓ bulletins/a.md → dist/a.html、dist/a.pdf（1 页）');
  // Not root: no --no-sandbox, and the browser came from a folder of this user's.
  expect(stderr).not.toContain('--no-sandbox');
  expect(stderr).toMatch(new RegExp(`浏览器：\\S+/bulletin-${NOBODY}/chromium-[\\d.]+/chromium（来自 随包 Chromium（@sparticuz/chromium））`));
  expect((await readFile(path.join(dir, 'dist/a.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
});
