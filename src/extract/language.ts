/**
 * The language a post is written in. Themes hard-code `<html lang="en">` whatever the author writes,
 * so the declared language is checked against the article's own text, script first: letters are
 * counted by script in the prose, leaving out what no language owns (URLs, paths, options, identifiers,
 * acronyms). A technical post in Chinese, Japanese or Korean is mostly Latin letters of that kind, and
 * franc (trigram statistics, which follows the most frequent script) read such posts as French, Swedish
 * or English. So the script decides between scripts, and franc only tells apart languages of one script.
 */
import { francAll } from 'franc-min';
import { iso6393To1 } from 'iso-639-3';

/** Scripts written without spaces between words carry about a word in a character or two. */
const DENSE_WEIGHT = 3;
/**
 * A script is the text's when its weighted letters are this share of all: Hangul at 10% of the letters
 * of a Korean post full of English product names reaches it (0.3 of 1.2); a few quoted words do not.
 */
const MEANINGFUL = 0.25;
/**
 * Scripts are told apart letter by letter, so a sentence is enough: ten Hangul or Han characters, thirty
 * letters of an alphabet. Telling languages of one script apart takes more (MIN_LATIN).
 */
const MIN_SCRIPT = 30;
/** franc needs a few sentences of Latin prose before its trigram statistics settle. */
const MIN_LATIN = 300;
/**
 * franc's scores are normalised to its first choice (1) and bunch up near it, so a declared language
 * is overruled only when franc plainly puts it behind: two languages ahead of it, or a score below
 * DECLARED_BEHIND. Measured on 150 Portuguese posts under `lang="en"` (300+ letters of prose that is
 * not plainly English): English came third to sixth, scoring 0.81–0.992; English technical notes that
 * franc put first as French kept English second at 0.985–0.987; Spanish and Portuguese posts declared
 * so were their own language first every time (86 posts).
 */
const DECLARED_BEHIND = 0.98;
const RIVALS_AHEAD = 2;
/** Kana are a tenth or more of Japanese prose's CJK characters; Chinese prose has none. */
const KANA_SHARE = 0.05;
/** franc reads at most 2048 characters; the first paragraphs tell the language as well as the whole post. */
const SAMPLE = 2000;

/** Script groups that tell a language by themselves, or a family franc tells apart (`multi`). */
interface Script {
  name: string;
  test: RegExp;
  weight: number;
  /** The language the script means when it is the text's and not the declared one's. */
  lang?: string;
  multi?: boolean;
}
const SCRIPTS: Script[] = [
  { name: 'Latin', test: /\p{Script=Latin}/u, weight: 1, multi: true },
  { name: 'Han', test: /\p{Script=Han}/u, weight: DENSE_WEIGHT, lang: 'zh' },
  { name: 'Kana', test: /[\p{Script=Hiragana}\p{Script=Katakana}]/u, weight: DENSE_WEIGHT, lang: 'ja' },
  { name: 'Hangul', test: /\p{Script=Hangul}/u, weight: DENSE_WEIGHT, lang: 'ko' },
  { name: 'Cyrillic', test: /\p{Script=Cyrillic}/u, weight: 1, multi: true },
  { name: 'Arabic', test: /\p{Script=Arabic}/u, weight: 1, multi: true },
  { name: 'Devanagari', test: /\p{Script=Devanagari}/u, weight: 1, multi: true },
  { name: 'Greek', test: /\p{Script=Greek}/u, weight: 1, lang: 'el' },
  { name: 'Hebrew', test: /\p{Script=Hebrew}/u, weight: 1, lang: 'he' },
  { name: 'Thai', test: /\p{Script=Thai}/u, weight: 1, lang: 'th' },
  { name: 'Georgian', test: /\p{Script=Georgian}/u, weight: 1, lang: 'ka' },
  { name: 'Armenian', test: /\p{Script=Armenian}/u, weight: 1, lang: 'hy' },
  { name: 'Bengali', test: /\p{Script=Bengali}/u, weight: 1, lang: 'bn' },
  { name: 'Tamil', test: /\p{Script=Tamil}/u, weight: 1, lang: 'ta' },
  { name: 'Telugu', test: /\p{Script=Telugu}/u, weight: 1, lang: 'te' },
  { name: 'Kannada', test: /\p{Script=Kannada}/u, weight: 1, lang: 'kn' },
  { name: 'Malayalam', test: /\p{Script=Malayalam}/u, weight: 1, lang: 'ml' },
  { name: 'Gujarati', test: /\p{Script=Gujarati}/u, weight: 1, lang: 'gu' },
  { name: 'Gurmukhi', test: /\p{Script=Gurmukhi}/u, weight: 1, lang: 'pa' },
  { name: 'Sinhala', test: /\p{Script=Sinhala}/u, weight: 1, lang: 'si' },
  { name: 'Khmer', test: /\p{Script=Khmer}/u, weight: 1, lang: 'km' },
  { name: 'Lao', test: /\p{Script=Lao}/u, weight: 1, lang: 'lo' },
  { name: 'Myanmar', test: /\p{Script=Myanmar}/u, weight: 1, lang: 'my' },
  { name: 'Ethiopic', test: /\p{Script=Ethiopic}/u, weight: 1, lang: 'am' },
];

/** Languages written in a script other than Latin, by primary subtag: what a declared language expects to see. */
const LANGUAGE_SCRIPTS: Record<string, string[]> = {
  zh: ['Han'], yue: ['Han'], wuu: ['Han'], ja: ['Han', 'Kana'], ko: ['Hangul'],
  ru: ['Cyrillic'], uk: ['Cyrillic'], be: ['Cyrillic'], bg: ['Cyrillic'], mk: ['Cyrillic'], sr: ['Cyrillic'], kk: ['Cyrillic'], ky: ['Cyrillic'], mn: ['Cyrillic'], tg: ['Cyrillic'], tt: ['Cyrillic'],
  ar: ['Arabic'], fa: ['Arabic'], ur: ['Arabic'], ps: ['Arabic'], ug: ['Arabic'], ckb: ['Arabic'], sd: ['Arabic'],
  hi: ['Devanagari'], mr: ['Devanagari'], ne: ['Devanagari'], sa: ['Devanagari'], mai: ['Devanagari'],
  el: ['Greek'], he: ['Hebrew'], iw: ['Hebrew'], yi: ['Hebrew'], th: ['Thai'], ka: ['Georgian'], hy: ['Armenian'],
  bn: ['Bengali'], as: ['Bengali'], ta: ['Tamil'], te: ['Telugu'], kn: ['Kannada'], ml: ['Malayalam'], gu: ['Gujarati'],
  pa: ['Gurmukhi'], si: ['Sinhala'], km: ['Khmer'], lo: ['Lao'], my: ['Myanmar'], am: ['Ethiopic'], ti: ['Ethiopic'],
};
/** A script subtag (`sr-Latn`, `zh-Hant`, `uz-Cyrl`) says the script outright. */
const SUBTAG_SCRIPTS: Record<string, string[]> = {
  latn: ['Latin'], cyrl: ['Cyrillic'], arab: ['Arabic'], hans: ['Han'], hant: ['Han'], jpan: ['Han', 'Kana'], kore: ['Hangul'], deva: ['Devanagari'],
};

/** franc names Mandarin and the other macrolanguage members; ISO 639-1 knows their macrolanguage. */
const MACRO: Record<string, string> = { cmn: 'zh', yue: 'zh', wuu: 'zh', hak: 'zh', nan: 'zh', arb: 'ar', pes: 'fa', zlm: 'ms', ekk: 'et', lvs: 'lv', swh: 'sw', uzn: 'uz', azj: 'az', khk: 'mn', npi: 'ne', ory: 'or', plt: 'mg', als: 'sq' };
const toIso1 = (code: string): string | undefined => MACRO[code] ?? iso6393To1[code];

/** English function words: a text where they are common is English, whatever franc's trigrams say. */
const ENGLISH = new Set(['the', 'and', 'of', 'to', 'is', 'in', 'that', 'it', 'for', 'with', 'this', 'on', 'are', 'you', 'be', 'as', 'we', 'not']);

const URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]*|[\w.+-]+@[\w-]+\.[\w.-]+/giu;
/** Runs between spaces and dense-script characters: the words of spaced scripts. */
const WORDS = /[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const DENSE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
/** A word of prose is letters, with apostrophes or hyphens between them: anything else is code, a path, a number. */
const PROSE_WORD = /^\p{L}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*$/u;
/** camelCase, PascalCase and ACRONYMS are names of things, not words of a language. */
const NAME_CASE = /\p{Ll}\p{Lu}|\p{Lu}.*\p{Lu}/u;

/** Letters of the prose by script, and its words by script (for franc). */
interface Letters {
  weighted: Map<string, number>;
  total: number;
  words: Map<string, string[]>;
}

function countLetters(prose: string): Letters {
  const weighted = new Map<string, number>();
  const words = new Map<string, string[]>();
  const add = (script: Script, n: number): void => {
    weighted.set(script.name, (weighted.get(script.name) ?? 0) + n * script.weight);
  };
  const scriptOf = (ch: string): Script | undefined => SCRIPTS.find((s) => s.test.test(ch));
  const text = prose.replace(URL, ' ');
  for (const ch of text) {
    if (!DENSE.test(ch)) continue;
    const script = scriptOf(ch);
    if (script) add(script, 1);
  }
  for (const raw of text.match(WORDS) ?? []) {
    if (/^[-‐‑–—]/.test(raw)) continue; // a command-line option
    const word = raw.replace(EDGE_PUNCTUATION, '');
    if (!PROSE_WORD.test(word) || NAME_CASE.test(word)) continue;
    const script = scriptOf(word[0]!);
    if (!script) continue;
    add(script, [...word].filter((ch) => /\p{L}/u.test(ch)).length);
    const list = words.get(script.name) ?? [];
    list.push(word);
    words.set(script.name, list);
  }
  let total = 0;
  for (const n of weighted.values()) total += n;
  return { weighted, total, words };
}

/** The scripts a declared language is written in: its script subtag, else its language's. */
function declaredScripts(declared: string): string[] {
  const [primary, ...subtags] = declared.toLowerCase().split(/[-_]/);
  for (const tag of subtags) if (SUBTAG_SCRIPTS[tag]) return SUBTAG_SCRIPTS[tag]!;
  return LANGUAGE_SCRIPTS[primary!] ?? ['Latin'];
}

const isEnglish = (words: string[]): boolean =>
  words.length >= 20 && words.filter((w) => ENGLISH.has(w.toLowerCase())).length / words.length > 0.12;

/**
 * franc's language for words of one script. Against a declared language of that script it must win
 * clearly (DECLARED_BEHIND), over a language franc knows (franc-min does not know every language:
 * Catalan is no Spanish).
 */
function francLanguage(words: string[], declared?: string): string | undefined {
  if (isEnglish(words)) return 'en';
  const scores = francAll(words.join(' ').slice(0, SAMPLE), { minLength: 1 });
  const first = scores[0]!;
  if (first[0] === 'und') return undefined;
  const detected = toIso1(first[0]);
  if (!declared || detected === declared) return detected;
  const rank = scores.findIndex(([code]) => toIso1(code) === declared);
  if (rank < 0) return undefined;
  return rank >= RIVALS_AHEAD || scores[rank]![1] < DECLARED_BEHIND ? detected : undefined;
}

/**
 * The declared language, unless the text says otherwise: then the text's, or nothing when the text's
 * script has several languages and franc cannot tell which. Region and script subtags of a declared
 * language that agrees are kept (`zh-CN`, `pt-BR`). No language is given that is neither the declared
 * one nor one written in the text's script.
 * - A declared language whose script is a meaningful share of the letters is kept: a Chinese post is
 *   Chinese however many English commands it quotes.
 * - Otherwise the text's script is the largest non-Latin one with a meaningful share, else Latin. A
 *   script of one language gives it (Hangul: Korean; Han with kana: Japanese; Han alone: Chinese);
 *   Cyrillic, Arabic, Devanagari and Latin ask franc, on that script's words only.
 * - Latin prose replaces a declared Latin-script language only when there is enough of it and franc's
 *   first choice is clear.
 */
export function checkedLanguage(declared: string | undefined, prose: string): string | undefined {
  if (!declared) return undefined;
  const letters = countLetters(prose);
  if (letters.total === 0) return declared;
  const share = (names: string[]): number => names.reduce((sum, n) => sum + (letters.weighted.get(n) ?? 0), 0) / letters.total;
  const expected = declaredScripts(declared);
  const latinDeclared = expected.includes('Latin');
  if (!latinDeclared && share(expected) >= MEANINGFUL) return declared;

  // The text's script: Han and kana together are Japanese or Chinese, the others stand alone.
  const groups = [['Hangul'], ['Han', 'Kana'], ...SCRIPTS.filter((s) => s.name !== 'Latin' && s.weight === 1).map((s) => [s.name])];
  let text: string[] = ['Latin'];
  let best = MEANINGFUL;
  for (const group of groups) {
    const s = share(group);
    if (s >= best && s * letters.total >= MIN_SCRIPT) {
      best = s;
      text = group;
    }
  }
  if (text[0] === 'Hangul') return 'ko';
  if (text[0] === 'Han') {
    const kana = letters.weighted.get('Kana') ?? 0;
    return kana / (kana + (letters.weighted.get('Han') ?? 0)) >= KANA_SHARE ? 'ja' : 'zh';
  }
  const script = SCRIPTS.find((s) => s.name === text[0])!;
  if (script.lang) return script.lang;
  const words = letters.words.get(script.name) ?? [];
  if (script.name !== 'Latin') return francLanguage(words);
  // Latin prose: too little of it to tell languages apart, or no clear winner, keeps the declared language.
  if ((letters.weighted.get('Latin') ?? 0) < MIN_LATIN) return declared;
  const primary = declared.split(/[-_]/)[0]!.toLowerCase();
  const detected = francLanguage(words, latinDeclared ? primary : undefined);
  return !detected || detected === primary ? declared : detected;
}
