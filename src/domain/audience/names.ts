import type { Prng } from './prng.js';

/** Common surnames with their pinyin, most frequent first (rough order of the census). */
const SURNAMES: readonly (readonly [han: string, pinyin: string])[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['高', 'gao'], ['林', 'lin'], ['罗', 'luo'], ['郑', 'zheng'],
  ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'],
  ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'],
  ['袁', 'yuan'], ['潘', 'pan'], ['于', 'yu'], ['蒋', 'jiang'], ['蔡', 'cai'], ['余', 'yu'], ['杜', 'du'],
  ['叶', 'ye'], ['程', 'cheng'], ['苏', 'su'], ['魏', 'wei'], ['吕', 'lv'], ['丁', 'ding'], ['任', 'ren'],
  ['沈', 'shen'], ['姚', 'yao'], ['卢', 'lu'], ['姜', 'jiang'], ['崔', 'cui'], ['钟', 'zhong'], ['谭', 'tan'],
  ['陆', 'lu'], ['汪', 'wang'], ['范', 'fan'], ['金', 'jin'], ['石', 'shi'], ['廖', 'liao'], ['贾', 'jia'],
  ['夏', 'xia'], ['韦', 'wei'], ['方', 'fang'], ['白', 'bai'], ['邹', 'zou'], ['孟', 'meng'], ['熊', 'xiong'],
  ['秦', 'qin'], ['邱', 'qiu'], ['江', 'jiang'], ['万', 'wan'], ['欧阳', 'ouyang'], ['司马', 'sima'], ['上官', 'shangguan'],
];

/** Characters common in given names, with their pinyin. */
const GIVEN: readonly (readonly [han: string, pinyin: string])[] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'],
  ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['娟', 'juan'],
  ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['秀', 'xiu'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'],
  ['英', 'ying'], ['华', 'hua'], ['玉', 'yu'], ['飞', 'fei'], ['鹏', 'peng'], ['宇', 'yu'], ['浩', 'hao'],
  ['婷', 'ting'], ['雪', 'xue'], ['琳', 'lin'], ['欣', 'xin'], ['子', 'zi'], ['涵', 'han'], ['梓', 'zi'],
  ['轩', 'xuan'], ['思', 'si'], ['雨', 'yu'], ['晨', 'chen'], ['博', 'bo'], ['文', 'wen'], ['佳', 'jia'],
  ['怡', 'yi'], ['嘉', 'jia'], ['俊', 'jun'], ['晓', 'xiao'], ['建', 'jian'], ['国', 'guo'], ['志', 'zhi'],
  ['海', 'hai'], ['波', 'bo'], ['倩', 'qian'], ['颖', 'ying'], ['萍', 'ping'], ['斌', 'bin'], ['辉', 'hui'],
];

const LATIN_FIRST: readonly string[] = [
  'Alice', 'Amy', 'Bob', 'Chris', 'Cindy', 'David', 'Emma', 'Eric', 'Frank', 'Grace', 'Helen', 'Henry',
  'Iris', 'Jack', 'Jason', 'Jenny', 'Kevin', 'Leo', 'Lily', 'Michael', 'Nina', 'Oliver', 'Peter', 'Ryan',
  'Sophia', 'Tom', 'Vivian', 'William', 'Yuki', 'Zoe', 'José', 'Zoë', 'Chloé', 'Anna', 'Mark', 'Sara',
];

const LATIN_LAST: readonly string[] = [
  'Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Wong', 'Ng', 'Tan', 'Lim', 'Lee', 'Kim', 'Tanaka', 'Nguyen',
  'Smith', 'Johnson', 'Brown', 'Müller', 'García', "O'Brien", 'van der Berg', 'Dubois', 'Rossi',
];

/** Nicknames as WeChat users pick them: decorations, emoji, punctuation a CSV export must survive. */
const NICKNAMES: readonly string[] = [
  '小鱼🐟', '🌸Lily', '阳光"Sunny"', '快乐每一天😊', '老王', '晴天☀️', 'Jenny 🎉', '「静待花开」', 'A-Ming',
  '☕ coffee', '李姐（销售）', '追梦人', '简单, 快乐', '🍀幸运草', 'Mr. Wang 王先生', '海阔天空', 'Tony,老师',
  '"Joe" the plumber', '大熊🐻', '向日葵🌻', "Ann's shop", '云淡风轻', '👍好评', 'Kiki🐱', '天天向上',
];

/** A Chinese full name: one or two-character given name after a (sometimes compound) surname. */
function chineseName(rng: Prng): string {
  const [surname] = rng.pick(SURNAMES);
  const [g1] = rng.pick(GIVEN);
  return rng.chance(0.35) ? surname + g1 : surname + g1 + rng.pick(GIVEN)[0];
}

/** A display name for an external viewer: mostly Chinese, some Latin, some decorated nicknames. */
export function displayName(rng: Prng): string {
  const r = rng.next();
  if (r < 0.6) return chineseName(rng);
  if (r < 0.85) {
    const first = rng.pick(LATIN_FIRST);
    const last = rng.pick(LATIN_LAST);
    const form = rng.int(0, 4);
    if (form === 0) return first;
    if (form === 1) return `${last}, ${first}`;
    if (form === 2) return `${first} ${last} ${chineseName(rng)}`;
    return `${first} ${last}`;
  }
  return rng.pick(NICKNAMES);
}

/**
 * The base of a member's userid as corps spell them (`zhangwei`, `li.na`, `WangFang`,
 * `david.li`). Bases hold no digits, so appending a counter keeps every userid unique.
 */
function useridBase(rng: Prng): string {
  const [, sp] = rng.pick(SURNAMES);
  const [, g1] = rng.pick(GIVEN);
  const given = rng.chance(0.6) ? g1 + rng.pick(GIVEN)[1] : g1;
  const form = rng.int(0, 9);
  if (form <= 3) return sp + given;
  if (form <= 5) return `${sp}.${given}`;
  if (form === 6) return `${sp}_${given}`;
  if (form === 7) return cap(sp) + cap(given);
  if (form === 8) return `${rng.pick(LATIN_FIRST).toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}.${sp}`;
  return `${given}-${sp}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Hands out unique userids: the first of a base gets it bare, the next ones a number. */
export class UseridMint {
  private readonly counts = new Map<string, number>();

  next(rng: Prng): string {
    const base = useridBase(rng);
    const n = this.counts.get(base);
    if (n === undefined) {
      this.counts.set(base, 1);
      return base;
    }
    this.counts.set(base, n + 1);
    return `${base}${n + 1}`;
  }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(rng: Prng, length: number): string {
  let s = '';
  while (s.length < length) {
    let x = rng.nextU32();
    // Five characters per draw keep the modulo bias negligible for fixtures.
    for (let i = 0; i < 5 && s.length < length; i++) {
      s += ALNUM.charAt(x % 62);
      x = Math.floor(x / 62);
    }
  }
  return s;
}

/** An invertible 32-bit mix: distinct inputs give distinct outputs, so ids built on it never collide. */
function permute32(n: number, key: number): number {
  let x = (n ^ key) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

function base62Fixed(n: number, width: number): string {
  let s = '';
  for (let i = 0; i < width; i++) {
    s += ALNUM.charAt(n % 62);
    n = Math.floor(n / 62);
  }
  return s;
}

/**
 * Mints external_userids shaped like real ones: `wm`, then a corp-wide part (real ids of one
 * corp share it, e.g. `wmd9BGagAA…`), then a part unique per index, then noise: 32 characters.
 */
export class ExternalUseridMint {
  private readonly corpPart: string;
  private readonly key: number;

  constructor(rng: Prng) {
    this.corpPart = randomAlnum(rng, 6) + 'AA';
    this.key = rng.nextU32();
  }

  /** Unique for every `index` below 2^32. */
  id(index: number, rng: Prng): string {
    return `wm${this.corpPart}${base62Fixed(permute32(index, this.key), 6)}${randomAlnum(rng, 16)}`;
  }
}
