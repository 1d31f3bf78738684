import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bulletin } from '../helpers/cli.js';
import { samples, tempDir } from './helpers.js';

const WARNINGS = `news.txt
  1:1     警告  未找到期号（第 N 期），前置信息中写作【待补】  import-missing-field
          提示：导入后在前置信息中补上 issue；\`bulletin check\` 会指出所有缺少的字段。
  1:1     警告  未找到总期号（总第 N 期），前置信息中写作【待补】  import-missing-field
          提示：导入后在前置信息中补上 total；\`bulletin check\` 会指出所有缺少的字段。
  3:1     提示  已把“25.07.2019 16:21”识别为日期 2019-07-25，时刻 16:21 不保留  import-time-dropped
          提示：简报只记日期；时刻如需保留，请写入正文。
  51:1    提示  已删除网页杂项：“编辑:顾名筛”  import-furniture
          提示：核对删去的是否确属网页杂项；若不是，从原文补回。

⚠ 2 个警告
`;

describe('bulletin import (CLI)', () => {
  it('prints what it recognised, warns, and refuses to overwrite', async () => {
    const dir = await tempDir();
    await copyFile(path.join(samples, 'js-news-2019-07-25.raw.txt'), path.join(dir, 'news.txt'));

    const first = await bulletin(dir, ['import', 'news.txt', '--out', 'archive', '--verify']);
    expect(first.stdout).toBe(`news.txt → archive/2019/news.md（UTF-8）
  前置信息：日期 2019-07-25
  文章：8月起江苏全省将进行安全生产巡查直击六个问题（4 个小标题，19 段）
  清理：网页杂项 1 行
  核对：与原文一致
`);
    expect(first.stderr).toBe(WARNINGS);
    expect(first.code).toBe(0);
    const written = await readFile(path.join(dir, 'archive/2019/news.md'), 'utf8');

    const second = await bulletin(dir, ['import', 'news.txt', 'missing.txt', '--out', 'archive']);
    expect(second.stdout).toBe('');
    expect(second.stderr).toBe(`错误：archive/2019/news.md 已经存在，未导入 news.txt。
提示：确认不需要已有的文件后加 --force 覆盖，或用 --out 导入到另一个目录。
错误：找不到 missing.txt。
提示：检查路径拼写；路径相对于当前目录。
${WARNINGS}`);
    expect(second.code).toBe(1);
    expect(await readFile(path.join(dir, 'archive/2019/news.md'), 'utf8')).toBe(written);

    const forced = await bulletin(dir, ['import', 'news.txt', '--out', 'archive', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout.split('\n')[0]).toBe('news.txt → archive/2019/news.md（UTF-8）');
  }, 60_000);
});
