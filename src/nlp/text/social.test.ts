import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { collapseElongation, expandTeencode, isSpecialToken, normalizeSocial, replacePlaceholders, socialTokens, syllableNgrams } from './social.ts';

test('teencode: frequent chat abbreviations become standard Vietnamese', () => {
  assert.equal(normalizeSocial('k biết đc ko'), 'không biết được không');
  assert.equal(normalizeSocial('mn ơi cho e hỏi ntn vs'), 'mọi người ơi cho e hỏi như thế nào với');
  assert.equal(normalizeSocial('Ok r, tks ad'), 'ok rồi cảm ơn admin');
  assert.equal(normalizeSocial('wá đẹp, fải đi thôi, jờ mới bít'), 'quá đẹp phải đi thôi giờ mới biết');
  // Ordinary Vietnamese and English words are left alone.
  assert.equal(expandTeencode('không'), 'không');
  assert.equal(expandTeencode('facebook'), 'facebook');
  assert.equal(expandTeencode('wifi'), 'wifi');
});

test('elongation: repeated letters collapse, real double letters stay', () => {
  assert.deepEqual(collapseElongation('quáaaa'), { text: 'quá', elongated: true });
  assert.deepEqual(collapseElongation('đẹpppp vãiii'), { text: 'đẹp vãi', elongated: true });
  assert.deepEqual(collapseElongation('xoong nồi, quần soóc'), { text: 'xoong nồi, quần soóc', elongated: false });
  assert.equal(normalizeSocial('Dịch vụ k tốt quáaaa :(('), 'dịch vụ không tốt quá __sad__ __elong__');
  assert.equal(normalizeSocial('ngonnnn'), 'ngon __elong__');
});

test('placeholders: URL, e-mail, mention, phone, date, percentage, number', () => {
  assert.equal(
    normalizeSocial('LH 0905.123.456 hoặc xem https://hue.gov.vn/tin-tuc ngày 14/9/2023, tăng 12,5%'),
    'lh __phone__ hoặc xem __url__ ngày __date__ tăng __pct__',
  );
  assert.equal(normalizeSocial('Gửi góp ý về sotuphap@hue.gov.vn trước 15 ngày'), 'gửi góp ý về __email__ trước __num__ ngày');
  assert.equal(normalizeSocial('@Nguyễn Văn A nói đúng, +84 912 345 678'), '__user__ văn a nói đúng __phone__');
  assert.equal(normalizeSocial('Kế hoạch số 151/KH-UBND'), 'kế hoạch số __num__ kh ubnd'.replace('ubnd', 'ủy ban nhân dân'));
  assert.match(replacePlaceholders('xem tại www.baothuathienhue.vn nhé'), /__url__/);
});

test('emoji and emoticons are kept as features', () => {
  assert.deepEqual(socialTokens('đẹp quá 👍🏻👍 ❤️'), ['đẹp', 'quá', '👍', '👍', '__heart__']);
  assert.equal(normalizeSocial(':D :) :( ^^ =)) :v <3'), '__laugh__ __smile__ __sad__ __smile__ __laugh__ __laugh__ __heart__');
  assert.equal(normalizeSocial('hài vãi =]]]'), 'hài vãi __laugh__');
  assert.equal(normalizeSocial('Thật sự thất vọng!!!'), 'thật sự thất vọng ! ! !');
});

test('one tone placement, NFC, case folding, invisible characters', () => {
  assert.equal(normalizeSocial('Khánh Hoà, thuỷ lợi, KHOẺ'), 'khánh hòa thủy lợi khỏe');
  assert.equal(normalizeSocial('Thừa Thiên Huế'.normalize('NFD')), 'thừa thiên huế');
  assert.equal(normalizeSocial('Sở\u200B Tư\uFEFF pháp'), 'sở tư pháp');
  assert.equal(normalizeSocial('ÐÀ NẴNG'), 'đà nẵng');
});

test('real social comments (ViHSD / news-comment style)', () => {
  assert.equal(
    normalizeSocial('Em được làm fan cứng luôn rồi nè ❤️ reaction quá hay quá cute =]]]'),
    'em được làm fan cứng luôn rồi nè __heart__ reaction quá hay quá cute __laugh__',
  );
  assert.equal(normalizeSocial('bên vn t cái này ra cách đây 10 năm r'), 'bên việt nam t cái này ra cách đây __num__ năm rồi');
  assert.equal(normalizeSocial('UBND tp Huế ktra ngay đi!!'), 'ủy ban nhân dân thành phố huế ktra ngay đi ! !');
});

test('syllable n-grams and special tokens', () => {
  assert.deepEqual(syllableNgrams(['an', 'toàn', 'giao', 'thông'], 2), ['an', 'toàn', 'giao', 'thông', 'an_toàn', 'toàn_giao', 'giao_thông']);
  assert.deepEqual(syllableNgrams([], 3), []);
  assert.ok(isSpecialToken('__num__'));
  assert.ok(isSpecialToken('👍'));
  assert.ok(isSpecialToken('!'));
  assert.ok(!isSpecialToken('huế'));
});

test('property: never throws, idempotent, tokens have no spaces', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string()), (s) => {
      const toks = socialTokens(s);
      for (const t of toks) assert.ok(t.length > 0 && !/\s/.test(t));
      const once = normalizeSocial(s);
      assert.equal(normalizeSocial(once), once);
    }),
    { numRuns: 300 },
  );
});

test('property: accented Vietnamese words survive unchanged', () => {
  const words = ['người', 'được', 'không', 'truyền', 'thông', 'chính', 'sách', 'khỏe', 'hòa', 'thủy', 'quyết', 'định'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }), (ws) => {
      assert.deepEqual(socialTokens(ws.join(' ')), ws);
    }),
  );
});

test('tokens named like Object.prototype members are ordinary words', () => {
  for (const w of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    assert.deepEqual(socialTokens(w), [w.toLowerCase()]);
  }
});
