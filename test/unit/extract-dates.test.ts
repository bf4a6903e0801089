import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDateLine, numericOrderOf, parseDate } from '../../src/text/dates.js';
import { extractPost } from '../../src/extract/index.js';

const cases: [string, string][] = [
  ['26 Jul 2015', '2015-07-26'],
  ['26 July 2015', '2015-07-26'],
  ['Jul 26, 2015', '2015-07-26'],
  ['July 26th, 2015', '2015-07-26'],
  ['Sunday, July 26, 2015', '2015-07-26'],
  ['Posted on March 3rd, 2016 by Jane', '2016-03-03'],
  ['1st of May 2014', '2014-05-01'],
  ['Sept. 9, 2014', '2014-09-09'],
  ['2015-07-26', '2015-07-26'],
  ['2015-7-6', '2015-07-06'],
  ['2015/07/26', '2015-07-26'],
  ['2015.07.26', '2015-07-26'],
  ['2015年7月26日', '2015-07-26'],
  ['2015 年 07 月 26 日 星期日', '2015-07-26'],
  ['2015년 7월 26일', '2015-07-26'],
  ['26.07.2015', '2015-07-26'],
  ['07/26/2015', '2015-07-26'],
  ['26/07/2015', '2015-07-26'],
  ['26. Juli 2015', '2015-07-26'],
  ['26 juillet 2015', '2015-07-26'],
  // Month names as other languages print them, and the words that join the parts.
  ['26 июля 2015 г.', '2015-07-26'],
  ['26 липня 2015', '2015-07-26'],
  ['domingo, 26 de julho de 2015', '2015-07-26'],
  ['26 de julio de 2015', '2015-07-26'],
  ['26 de juliol del 2015', '2015-07-26'],
  ['26 iulie 2015', '2015-07-26'],
  ['26 juli 2015', '2015-07-26'],
  ['26. července 2015', '2015-07-26'],
  ['26. heinäkuuta 2015', '2015-07-26'],
  ['26 Ιουλίου 2015', '2015-07-26'],
  ['2015. július 26.', '2015-07-26'],
  ['ngày 26 tháng 7 năm 2015', '2015-07-26'],
  ['26 tháng 7, 2015', '2015-07-26'],
  ['26 ביולי 2015', '2015-07-26'],
  // Thai years are the Buddhist era's: 2558 is 2015.
  ['26 กรกฎาคม 2558', '2015-07-26'],
  ['วันที่ 26 ก.ค. 2558', '2015-07-26'],
];

test('visible day-only dates in common formats become YYYY-MM-DD', () => {
  for (const [input, expected] of cases) assert.equal(parseDate(input), expected, input);
});

test('times and offsets are kept as written, never converted', () => {
  assert.equal(parseDate('2015-07-26T23:30:00-05:00'), '2015-07-26T23:30:00-05:00');
  assert.equal(parseDate('2015-07-26T00:30:00.000+08:00'), '2015-07-26T00:30:00+08:00');
  assert.equal(parseDate('2015-12-02T10:30:00.000Z'), '2015-12-02T10:30:00Z');
  assert.equal(parseDate('2014-03-23T16:30:00+00:00'), '2014-03-23T16:30:00Z');
  assert.equal(parseDate('2015-07-26 10:30'), '2015-07-26T10:30:00');
  assert.equal(parseDate('2015-07-26T10:30:00+0800'), '2015-07-26T10:30:00+08:00');
  assert.equal(parseDate('Sun, 26 Jul 2015 10:30:00 +0000'), '2015-07-26T10:30:00Z');
  assert.equal(parseDate('July 26, 2015 at 11:05 pm'), '2015-07-26T23:05:00');
  assert.equal(parseDate('Jul 26, 2015 12:10 AM'), '2015-07-26T00:10:00');
  assert.equal(parseDate('2015年7月26日 08:15'), '2015-07-26T08:15:00');
  assert.equal(parseDate('2015/07/26 18:00:05'), '2015-07-26T18:00:05');
});

test('non-dates and impossible dates give nothing', () => {
  assert.equal(parseDate(''), undefined);
  assert.equal(parseDate('no date here, version 1.2.3'), undefined);
  assert.equal(parseDate('2015-02-30'), undefined);
  assert.equal(parseDate('31 Apr 2015'), undefined);
  assert.equal(parseDate('You may 5 times'), undefined);
});

test('the earliest date in a text wins', () => {
  assert.equal(parseDate('Published 2015-07-26, updated 2016-01-02'), '2015-07-26');
});

test('isDateLine tells a meta line from a sentence that mentions a date', () => {
  assert.ok(isDateLine('Posted on July 26, 2015'));
  assert.ok(isDateLine('2015-07-26'));
  assert.ok(!isDateLine('On July 26, 2015 we shipped the new scheduler to every region of the cluster.'));
});

test('dates before 1970 are dates too (old archives, back-dated posts)', () => {
  assert.equal(parseDate('1969-11-30T11:30:00.000Z'), '1969-11-30T11:30:00Z');
  assert.equal(parseDate('30 Nov 1958'), '1958-11-30');
});

test('Jalali (Solar Hijri) dates in Persian digits are read as the Gregorian day; other scripts\' digits count as digits', () => {
  assert.equal(parseDate('📆 جمعه ۱۷ آذر ۱۴۰۲'), '2023-12-08');
  assert.equal(parseDate('۱ فروردین ۱۴۰۳'), '2024-03-20');
  assert.equal(parseDate('30 اسفند 1403'), '2025-03-20');
  assert.equal(parseDate('۱۴۰۲/۰۹/۱۷'), '2023-12-08');
  assert.equal(parseDate('٢٠٢٣-١٢-٠٨'), '2023-12-08');
  // Only Persian digits or a Jalali month make a year of the 1400s Jalali.
  assert.equal(parseDate('1402/09/17'), '1402-09-17');
  assert.equal(isDateLine('جمعه ۱۷ آذر ۱۴۰۲'), true);
});

test('month names of Turkish, Polish (genitive), Indonesian, and Gregorian months in Arabic and Persian', () => {
  assert.equal(parseDate('12 Mart 2023'), '2023-03-12');
  assert.equal(parseDate('5 Ağustos 2019 Pazartesi'), '2019-08-05');
  assert.equal(parseDate('3 października 2021 r.'), '2021-10-03');
  assert.equal(parseDate('1 Januari 2020'), '2020-01-01');
  assert.equal(parseDate('١٢ مارس ٢٠٢٣'), '2023-03-12');
  assert.equal(parseDate('۲ ژوئن ۲۰۲۲'), '2022-06-02');
});

test('numeric dates either way round are read in the order of the page\'s language', () => {
  assert.equal(numericOrderOf(undefined), 'month-first');
  assert.equal(numericOrderOf('en'), 'month-first');
  assert.equal(numericOrderOf('en-US'), 'month-first');
  assert.equal(numericOrderOf('en-GB'), 'day-first');
  assert.equal(numericOrderOf('fr'), 'day-first');
  assert.equal(numericOrderOf('vi_VN'), 'day-first');
  assert.equal(parseDate('07/12/2026'), '2026-07-12');
  assert.equal(parseDate('07/12/2026', 'day-first'), '2026-12-07');
  // A number over 12 says which is the day, whatever the language.
  assert.equal(parseDate('07/26/2015', 'day-first'), '2015-07-26');
  assert.equal(parseDate('26/07/2015'), '2015-07-26');

  const page = (lang: string) =>
    `<!doctype html><html lang="${lang}"><head><title>Notes de voyage</title></head><body><main><article><h1>Notes de voyage</h1>` +
    `<p class="byline">Publié le <span class="when">07/12/2026</span></p>` +
    `<p>${'Le train part à l\'heure et la vallée défile sous la pluie fine. '.repeat(8)}</p></article></main></body></html>`;
  assert.equal(extractPost(page('fr-FR'), 'http://blog.test/notes-de-voyage/').meta.date, '2026-12-07');
  assert.equal(extractPost(page('en-US'), 'http://blog.test/notes-de-voyage/').meta.date, '2026-07-12');
});
