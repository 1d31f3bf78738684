/** The arguments of source-unreadable and config-unreadable: the reason in Chinese and as the system said it. */
export function fsErrorArgs(error: unknown): { detail: string; zhDetail: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const english: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder' };
  return { zhDetail: explainFsError(error), detail: (code && english[code]) ?? (error instanceof Error ? error.message : String(error)) };
}

export function explainFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return '文件不存在';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限';
    case 'EISDIR':
      return '这是一个目录';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
