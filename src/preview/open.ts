import { spawn } from 'node:child_process';

/** The command that opens an address in the user's browser on this platform. */
export function openCommand(url: string, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd builtin; its first quoted argument is a window title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { command: 'xdg-open', args: [url] };
}

/** Opens `url` in the default browser, detached; a machine without one (a server) is no failure. */
export function openInBrowser(url: string): void {
  const { command, args } = openCommand(url);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // nothing to open it with
  }
}
