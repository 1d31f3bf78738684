import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { clean } from '../../src/import/clean.js';

const cleaned = (text: string, simplified = false) =>
  clean(text, new VFile({ path: 'x.txt' }), { simplified }).lines.map((l) => l.text).filter(Boolean);

describe('clean', () => {
  it('removes page numbers and form feeds', () => {
    expect(cleaned('甲。\n— 3 —\n乙。\f- 4 -\n第 5 页 共 8 页\n丙。')).toEqual(['甲。', '乙。', '丙。']);
  });
  it('drops a running head at the top of every page after the first, also under a page number, and keeps it elsewhere', () => {
    const text = ['江西应急管理简报', '第一页正文。', '\f江西应急管理简报', '第二页正文。', '\f— 3 —', '江西应急管理简报', '第三页正文。江西应急管理简报', '江西应急管理简报'].join('\n');
    expect(cleaned(text)).toEqual(['江西应急管理简报', '第一页正文。', '第二页正文。', '第三页正文。江西应急管理简报', '江西应急管理简报']);
    // One page top alone is not a running head.
    expect(cleaned('甲。\f乙。\n丙。')).toEqual(['甲。', '乙。', '丙。']);
  });
  it('removes spaces between Chinese characters and between them and digits', () => {
    expect(cleaned('省安委会组织 5 个专项 督查组\n2021 年 6 月 25 日\n25.07.2019  16:21')).toEqual([
      '省安委会组织5个专项督查组',
      '2021年6月25日',
      '25.07.2019 16:21',
    ]);
  });
  it('removes Markdown-ish decoration', () => {
    expect(cleaned('## 标题\n---\n**加粗**文字')).toEqual(['标题', '加粗文字']);
  });
  it('removes pinyin annotations only after a Han character, keeping real parentheses', () => {
    expect(cleaned('安全生產(chǎn)巡查組(zǔ)（贛安〔2021〕2號）县(市、区) 例(a) 名(Li)')).toEqual([
      '安全生產巡查組（贛安〔2021〕2號）县(市、区) 例(a) 名(Li)',
    ]);
  });
  it('converts to simplified with --simplified', () => {
    expect(cleaned('江西省安委會關於印發', true)).toEqual(['江西省安委会关于印发']);
  });
  it('drops web furniture and the junk after it', () => {
    expect(cleaned('正文。\n   2021-03-16 683\n地區: 江西\n反對 0舉報 0 收藏 0 打賞 0\n更多>同類法規\n推薦圖文\n點擊排行\n鹽池灘羊')).toEqual(['正文。']);
  });
});
