// A finished build leaves nothing behind that keeps the process alive: `bulletin build` ends as
// soon as its work is done. Closing the tabs one by one over the connection left puppeteer
// waiting 100 ms a tab for a frame swap (a live timer after the run), 40–50 ms of a 0.8 s build.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../helpers/project.js';

const MAIN = pathToFileURL(path.resolve(import.meta.dirname, '../../dist-lib/cli/main.js')).href;

describe('the end of a build', () => {
  it('leaves no timer or child process running when the printed build returns', async () => {
    const dir = await tempProject({ 'bulletins/a.md': '---\nissue: 1\ntotal: 1\ndate: 2021-01-01\n---\n\n# 第一篇\n\n正文一。\n' });
    // The CLI's own run(), then what is still alive in the event loop, at once.
    const script = `const m = await import(${JSON.stringify(MAIN)}); const code = await m.run(['build', '--format', 'pdf']); process.stderr.write('ALIVE ' + JSON.stringify({ code, alive: process.getActiveResourcesInfo() }) + '\\n');`;
    const { stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    const line = stderr.split('\n').find((l) => l.startsWith('ALIVE '));
    const { code, alive } = JSON.parse(line!.slice('ALIVE '.length)) as { code: number; alive: string[] };
    expect(code).toBe(0);
    // No timer and no child (a file operation finishing, and the process's own pipes, end by themselves).
    expect(alive.filter((r) => r === 'Timeout' || r === 'ProcessWrap')).toEqual([]);
  });
});
