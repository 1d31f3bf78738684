/**
 * 易混字词: what is written → what is meant, each pair with the published source that gives the
 * right form (listed per pair in docs/rules.md). The word-confusable rule looks for each wrong
 * form at word boundaries (Intl.Segmenter), so a pair never fires inside a longer word.
 *
 * Variant forms that are also ordinary word sequences in 公文 text (干与不干, 不能自己做主, 了望塔,
 * 热中暑 …) are left out on purpose: precision first.
 */

export type SourceKey = 'yxc' | 'ywjz' | 'xh' | 'gb50974' | 'fxtl';

/** The published sources, by key. */
export const SOURCES: Record<SourceKey, { zh: string; en: string }> = {
  yxc: {
    zh: '教育部、国家语委《第一批异形词整理表》（GF 1001-2001）',
    en: 'First Series of Standardized Variant-Form Words (GF 1001-2001, Ministry of Education and State Language Commission)',
  },
  ywjz: {
    zh: '《咬文嚼字》编辑部“当代汉语出版物中最常见的100个别字”',
    en: 'Yaowen Jiaozi: the 100 commonest wrong characters in Chinese publications',
  },
  xh: { zh: '《现代汉语词典》（第7版）词条', en: 'Xiandai Hanyu Cidian, 7th edition (the entry of the right form)' },
  gb50974: { zh: 'GB 50974-2014《消防给水及消火栓系统技术规范》的术语', en: 'the terms of GB 50974-2014 (fire water supply and hydrant systems)' },
  fxtl: { zh: '《中华人民共和国防汛条例》的用词', en: 'the wording of the Flood Control Regulations of the PRC' },
};

/** wrong right source; one pair a line. */
const TABLE = `
布署 部署 xh
部暑 部署 xh
渡汛 度汛 fxtl
防讯 防汛 fxtl
讯期 汛期 fxtl
消防拴 消火栓 gb50974
排察 排查 xh
防患未燃 防患未然 xh
暴炸 爆炸 xh
演炼 演练 xh
应急预按 应急预案 xh
秸杆 秸秆 xh
严历打击 严厉打击 xh
历行节约 厉行节约 xh
按装 安装 ywjz
甘败下风 甘拜下风 ywjz
自抱自弃 自暴自弃 ywjz
针贬 针砭 ywjz
泊来品 舶来品 ywjz
脉博 脉搏 ywjz
松驰 松弛 ywjz
一愁莫展 一筹莫展 ywjz
穿流不息 川流不息 ywjz
精萃 精粹 ywjz
重迭 重叠 ywjz
渡假村 度假村 ywjz
防碍 妨碍 ywjz
幅射 辐射 ywjz
天翻地复 天翻地覆 ywjz
言简意骇 言简意赅 ywjz
气慨 气概 ywjz
一股作气 一鼓作气 ywjz
悬梁刺骨 悬梁刺股 ywjz
粗旷 粗犷 ywjz
食不裹腹 食不果腹 ywjz
震憾 震撼 ywjz
侯车室 候车室 ywjz
迫不急待 迫不及待 ywjz
一如继往 一如既往 ywjz
草管人命 草菅人命 ywjz
娇揉造作 矫揉造作 ywjz
一诺千斤 一诺千金 ywjz
不径而走 不胫而走 ywjz
峻工 竣工 ywjz
不落巢臼 不落窠臼 ywjz
烩炙人口 脍炙人口 ywjz
打腊 打蜡 ywjz
死皮癞脸 死皮赖脸 ywjz
兰天白云 蓝天白云 ywjz
鼎立相助 鼎力相助 ywjz
再接再励 再接再厉 ywjz
老俩口 老两口 ywjz
黄梁美梦 黄粱美梦 ywjz
水笼头 水龙头 ywjz
杀戳 杀戮 ywjz
痉孪 痉挛 ywjz
美仑美奂 美轮美奂 ywjz
罗唆 啰唆 ywjz
蛛丝蚂迹 蛛丝马迹 ywjz
萎糜不振 萎靡不振 ywjz
沉缅 沉湎 ywjz
名信片 明信片 ywjz
默守成规 墨守成规 ywjz
大姆指 大拇指 ywjz
沤心沥血 呕心沥血 ywjz
出奇不意 出其不意 ywjz
修茸 修葺 ywjz
亲睐 青睐 ywjz
磬竹难书 罄竹难书 ywjz
入场卷 入场券 ywjz
声名雀起 声名鹊起 ywjz
发韧 发轫 ywjz
欣尝 欣赏 ywjz
谈笑风声 谈笑风生 ywjz
人情事故 人情世故 ywjz
有持无恐 有恃无恐 ywjz
额首称庆 额手称庆 ywjz
追朔 追溯 ywjz
鬼鬼崇崇 鬼鬼祟祟 ywjz
金榜提名 金榜题名 ywjz
走头无路 走投无路 ywjz
趋之若骛 趋之若鹜 ywjz
迁徒 迁徙 ywjz
寒喧 寒暄 ywjz
膺品 赝品 ywjz
尤如 犹如 ywjz
竭泽而鱼 竭泽而渔 ywjz
滥芋充数 滥竽充数 ywjz
世外桃园 世外桃源 ywjz
脏款 赃款 ywjz
蜇伏 蛰伏 ywjz
装祯 装帧 ywjz
饮鸠止渴 饮鸩止渴 ywjz
旁证博引 旁征博引 ywjz
灸手可热 炙手可热 ywjz
九宵 九霄 ywjz
编篡 编纂 ywjz
必竟 毕竟 xh
即然 既然 xh
座落 坐落 xh
善长 擅长 xh
尊守 遵守 xh
竟争 竞争 xh
竟赛 竞赛 xh
复盖 覆盖 xh
重蹈复辙 重蹈覆辙 xh
焕然冰释 涣然冰释 xh
大慨 大概 xh
感概 感慨 xh
慷概 慷慨 xh
按奈 按捺 xh
家俱 家具 xh
繁锁 繁琐 xh
震摄 震慑 xh
威摄 威慑 xh
遗撼 遗憾 xh
驰聘 驰骋 xh
诚垦 诚恳 xh
鬼计 诡计 xh
苍桑 沧桑 xh
偏辟 偏僻 xh
散慢 散漫 xh
提心掉胆 提心吊胆 xh
通谍 通牒 xh
消遥 逍遥 xh
修养生息 休养生息 xh
渲泄 宣泄 xh
元霄 元宵 xh
出类拔粹 出类拔萃 xh
好高鹜远 好高骛远 xh
杳无音讯 杳无音信 xh
一张一驰 一张一弛 xh
明火执杖 明火执仗 xh
蜂涌而至 蜂拥而至 xh
姿意妄为 恣意妄为 xh
迫在眉捷 迫在眉睫 xh
不加思索 不假思索 xh
按纳 按捺 yxc
百废具兴 百废俱兴 yxc
百页窗 百叶窗 yxc
班驳 斑驳 yxc
保镳 保镖 yxc
辈份 辈分 yxc
本份 本分 yxc
笔划 笔画 yxc
必恭必敬 毕恭毕敬 yxc
编者案 编者按 yxc
鬓脚 鬓角 yxc
禀承 秉承 yxc
补钉 补丁 yxc
参预 参与 yxc
惨澹 惨淡 yxc
搀和 掺和 yxc
搀假 掺假 yxc
搀杂 掺杂 yxc
车箱 车厢 yxc
澈底 彻底 yxc
成份 成分 yxc
侈糜 侈靡 yxc
筹画 筹划 yxc
踌蹰 踌躇 yxc
出谋画策 出谋划策 yxc
磁器 瓷器 yxc
赐与 赐予 yxc
粗卤 粗鲁 yxc
搭当 搭档 yxc
答覆 答复 yxc
耽心 担心 yxc
耽忧 担忧 yxc
担搁 耽搁 yxc
倒楣 倒霉 yxc
雕敝 凋敝 yxc
雕零 凋零 yxc
雕谢 凋谢 yxc
跌荡 跌宕 yxc
定单 订单 yxc
定婚 订婚 yxc
定阅 订阅 yxc
逗遛 逗留 yxc
独脚戏 独角戏 yxc
端五 端午 yxc
发人深醒 发人深省 yxc
蕃衍 繁衍 yxc
份量 分量 yxc
份内 分内 yxc
份外 分外 yxc
丰富多采 丰富多彩 yxc
疯颠 疯癫 yxc
伏侍 服侍 yxc
抚卹 抚恤 yxc
告戒 告诫 yxc
梗直 耿直 yxc
恭惟 恭维 yxc
勾划 勾画 yxc
孤苦零丁 孤苦伶仃 yxc
孤负 辜负 yxc
股分 股份 yxc
骨瘦如豺 骨瘦如柴 yxc
关连 关联 yxc
光采 光彩 yxc
归根结柢 归根结底 yxc
规戒 规诫 yxc
过份 过分 yxc
含胡 含糊 yxc
涵蓄 含蓄 yxc
喝采 喝彩 yxc
哄动 轰动 yxc
宏扬 弘扬 yxc
红通通 红彤彤 yxc
胡涂 糊涂 yxc
恍忽 恍惚 yxc
晖映 辉映 yxc
混水摸鱼 浑水摸鱼 yxc
机伶 机灵 yxc
激忿 激愤 yxc
计画 计划 yxc
记念 纪念 yxc
寄与 寄予 yxc
驾御 驾驭 yxc
简炼 简练 yxc
狡滑 狡猾 yxc
精采 精彩 yxc
鸠集 纠集 yxc
刻划 刻画 yxc
狼籍 狼藉 yxc
累坠 累赘 yxc
联贯 连贯 yxc
联接 连接 yxc
联绵 连绵 yxc
连袂 联袂 yxc
撩乱 缭乱 yxc
卤莽 鲁莽 yxc
录象 录像 yxc
录相 录像 yxc
落漠 落寞 yxc
门坎 门槛 yxc
摹仿 模仿 yxc
模胡 模糊 yxc
摹拟 模拟 yxc
磨擦 摩擦 yxc
磨拳擦掌 摩拳擦掌 yxc
谋画 谋划 yxc
内哄 内讧 yxc
凝炼 凝练 yxc
钮扣 纽扣 yxc
盘据 盘踞 yxc
披星带月 披星戴月 yxc
飘泊 漂泊 yxc
牵联 牵连 yxc
清彻 清澈 yxc
劝戒 劝诫 yxc
人材 人才 yxc
入坐 入座 yxc
色采 色彩 yxc
杀一警百 杀一儆百 yxc
奢糜 奢靡 yxc
神彩 神采 yxc
思惟 思维 yxc
死心踏地 死心塌地 yxc
挺而走险 铤而走险 yxc
透澈 透彻 yxc
图象 图像 yxc
推委 推诿 yxc
无动于中 无动于衷 yxc
五采缤纷 五彩缤纷 yxc
希罕 稀罕 yxc
希奇 稀奇 yxc
洗炼 洗练 yxc
贤慧 贤惠 yxc
萧洒 潇洒 yxc
小题大作 小题大做 yxc
信口开合 信口开河 yxc
秀外惠中 秀外慧中 yxc
训戒 训诫 yxc
压韵 押韵 yxc
一古脑儿 一股脑儿 yxc
衣著 衣着 yxc
义无返顾 义无反顾 yxc
赢余 盈余 yxc
影象 影像 yxc
余辉 余晖 yxc
鱼网 渔网 yxc
原故 缘故 yxc
再接再砺 再接再厉 yxc
斩新 崭新 yxc
展转 辗转 yxc
颤栗 战栗 yxc
帐本 账本 yxc
折衷 折中 yxc
直捷了当 直截了当 yxc
直接了当 直截了当 yxc
指手划脚 指手画脚 yxc
装璜 装潢 yxc
姿式 姿势 yxc
左证 佐证 yxc
`;

export interface Confusable {
  wrong: string;
  right: string;
  source: SourceKey;
}

/** The pairs (a wrong form equal to its right one would be a mistake of the table: dropped). */
export const CONFUSABLES: readonly Confusable[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [wrong = '', right = '', source = 'xh'] = line.trim().split(/\s+/);
    return { wrong, right, source: source as SourceKey };
  })
  .filter((c) => c.wrong && c.right && c.wrong !== c.right);
