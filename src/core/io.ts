import path from 'node:path';

/** Where a core function writes and what it considers the current folder. Injected in tests. */
export interface Io {
  /** The working folder: paths on the command line are relative to it; the project is found from it upwards. */
  cwd: string;
  /** The config file named by --config (relative to cwd): its folder is the project root. */
  config?: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Standard error is a terminal: colour and a progress bar may be used (the CLI decides). */
  terminal?: boolean;
}

export function processIo(): Io {
  return {
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    terminal: process.stderr.isTTY === true,
  };
}

/** Path as shown to the user: relative to the cwd, with forward slashes. `p`: path.win32 stands in for Windows in tests. */
export function displayPath(io: Pick<Io, 'cwd'>, absolute: string, p: path.PlatformPath = path): string {
  const rel = p.relative(io.cwd, absolute);
  return (rel === '' ? '.' : rel).split(p.sep).join('/');
}
