// Text repair: precision (clean simplified text comes back unchanged and unflagged) as much as recall
// (traditional characters, inline pinyin, lost characters and mojibake are repaired or flagged). The
// corpus is test/fixtures/text/: hotline-style reports written for this repository.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeMultiline } from '../../src/domain/text/normalize.js';
import { repairText } from '../../src/domain/text/repair.js';

const stories = join(new URL('../../', import.meta.url).pathname, 'test/fixtures/text');
const story = (file: string): string => readFileSync(join(stories, file), 'utf8');

/** Clean simplified text, including characters a careless converter would "fix" and honest question marks. */
const cleanCorpus = [
  '显著',
  '乾隆',
  '皇后',
  '头发',
  '后来',
  '面条',
  '乾坤',
  '著作',
  '覆盖',
  '瞭望',
  '于是',
  '伙伴',
  '钟表',
  '里程',
  '怎么办?',
  'what?',
  '真的吗??',
  '这是谁的车?',
  '您好,请问垡头街道翠城艺园社区怎么走?',
  '乾隆年间的皇后头发很长,后来她每天吃一碗面条,效果显著。',
  '7月27日凌晨4点30分,翠城艺园社区321楼180户居民停电,物业说是变压器出了问题。',
  '楼下发电车噪音很大,晚上11点以后还在响,怎么办?请尽快处理。',
  '小区门禁坏了,A座3单元进不去,电话010-6512 3456。',
  '路灯不亮 (已经一周了),希望修复:谢谢!',
  '3<5 and A&B, 价格 <100 元',
  'The streetlight at gate (a) is out.',
  '后永康胡同6号院、26号院、乙26号院被划为封控区。',
];

describe('repairText on clean simplified text', () => {
  it.each(cleanCorpus)('leaves %j unchanged and unflagged', (text) => {
    expect(repairText(text)).toEqual({ text, flags: [] });
  });

  it('leaves the clean simplified reports (东城, 杨浦) unchanged and unflagged', () => {
    for (const file of ['02-dongcheng-clean.txt', '03-yangpu-clean.txt']) {
      const text = story(file);
      expect(repairText(text)).toEqual({ text, flags: [] });
    }
  });

  it('does no more to full-width Chinese punctuation than the plain normalisation every order gets', () => {
    const text = '我家里漏水漏的像水帘洞一样，这可怎么办呀？请尽快处理。';
    const r = repairText(text);
    expect(r.flags).toEqual([]);
    expect(normalizeMultiline(r.text)).toBe(normalizeMultiline(text));
  });
});

describe('repairText on the reports', () => {
  it('turns the 朝阳 report (traditional with inline pinyin) into clean simplified text', () => {
    const r = repairText(story('01-chaoyang-traditional-pinyin.txt'));
    expect(r.flags).toEqual(['pinyin_removed', 'traditional_converted']);
    expect(r.text).toContain('朝阳区垡头街道翠城艺园社区连夜抢修恢复供电\n');
    expect(r.text).toContain(
      '社区网格员在居民群里看到消息后，马上报告街道值班室，并联系供电公司抢修班组。',
    );
    expect(r.text).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)/u);
  });

  it('repairs the 长沙 report and flags the characters it lost', () => {
    const r = repairText(story('04-changsha-lost-characters.txt'));
    expect(r.flags).toEqual(['pinyin_removed', 'lost_characters', 'traditional_converted']);
    expect(r.text).toContain('芙蓉区东湖街道韶光社区网格员的一天');
    expect(r.text).toContain('疏通了??，还检查了楼上住户的排水情况'); // lost; the "?" stay, flagged
  });

  it('repairs the 昌平 report and flags its lost characters', () => {
    const r = repairText(story('05-changping-traditional-lost.txt'));
    expect(r.flags).toContain('lost_characters');
    expect(r.flags).toContain('traditional_converted');
    expect(r.text).toContain('昌平区霍营街道华龙苑北里社区推行楼门管家服务');
  });
});

describe('each repair', () => {
  it.each([
    ['網(wǎng)格員', '网格员', ['pinyin_removed', 'traditional_converted']],
    ['社區（qū）', '社区', ['pinyin_removed', 'traditional_converted']],
    ['屋頂?shù)奶鞙?', '屋顶?', ['pinyin_removed', 'lost_characters', 'traditional_converted']],
  ])('removes inline pinyin from %j', (input, startsWith, flags) => {
    const r = repairText(input);
    expect(r.text.startsWith(startsWith)).toBe(true);
    expect(r.flags).toEqual(flags);
  });

  it('strips HTML tags and decodes entities, keeping paragraph breaks', () => {
    expect(repairText('<p>楼道&nbsp;灯坏了</p><br/><b>请</b>修')).toEqual({
      text: '楼道 灯坏了\n请修',
      flags: ['html_stripped'],
    });
  });

  it('repairs UTF-8 read as GBK and flags the character the cut cost', () => {
    expect(repairText('鍗庨緳鑻戝寳閲岀ぞ鍖哄唴13鍙锋ゼ')).toEqual({
      text: '华龙苑北里社区内13号楼',
      flags: ['mojibake_repaired'],
    });
    expect(repairText('鍗庨緳鑻?')).toEqual({
      text: '华龙?',
      flags: ['mojibake_repaired', 'lost_characters'],
    });
  });

  it('flags mojibake it cannot repair and leaves it for a person', () => {
    const r = repairText('锟斤拷锟斤拷 停电');
    expect(r.flags).toContain('mojibake_suspected');
    expect(r.text).toBe('锟斤拷锟斤拷 停电');
  });

  it.each(['社区\ufffd的居民', '请尽快??理', '付出?!?月22日', '籌集???,這可'])(
    'flags lost characters in %j',
    (text) => {
      expect(repairText(text).flags).toContain('lost_characters');
    },
  );

  it('flags a lone ASCII "?" inside text that otherwise writes full-width punctuation', () => {
    expect(repairText('小区的?门坏了，请修。').flags).toEqual(['lost_characters']);
    expect(repairText('小区的门坏了？请修。').flags).toEqual([]);
  });

  it('reports full-width letters and digits, which normalisation folds', () => {
    expect(repairText('殷行街道３２号楼Ａ座').flags).toEqual(['fullwidth_folded']);
  });

  it('is idempotent on its own output', () => {
    for (const file of ['01-chaoyang-traditional-pinyin.txt', '04-changsha-lost-characters.txt']) {
      const once = repairText(story(file)).text;
      expect(repairText(once).text).toBe(once);
    }
  });
});
