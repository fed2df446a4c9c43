import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compareVi,
  containsFolded,
  foldAccents,
  hasDiacritics,
  normalizeText,
  searchKey,
  tokenize,
  tokenizeFolded,
  viCollator,
} from './vietnamese.ts';

test('normalizeText: NFC composes decomposed input (Word/PDF/macOS)', () => {
  const decomposed = 'Thừa Thiên Huế'.normalize('NFD');
  assert.notEqual(decomposed, 'Thừa Thiên Huế');
  assert.equal(normalizeText(decomposed), 'Thừa Thiên Huế');
  assert.equal(normalizeText('Sở Tư pháp'.normalize('NFD')), 'Sở Tư pháp');
});

test('normalizeText: collapses whitespace, removes invisible characters, trims', () => {
  assert.equal(normalizeText('  Sở   Thông tin\u00A0và\tTruyền\nthông  '), 'Sở Thông tin và Truyền thông');
  assert.equal(normalizeText('Uy ban nhan dan tinh\nSéc Trang'), 'Uy ban nhan dan tinh Séc Trang');
  assert.equal(normalizeText('Sở\u200B Tư\uFEFF pháp'), 'Sở Tư pháp');
  assert.equal(normalizeText(''), '');
  assert.equal(normalizeText(' \n\t '), '');
});

test('normalizeText: unifies tone placement to one form (hòa, thủy)', () => {
  const cases: [string, string][] = [
    ['hoà', 'hòa'],
    ['thuỷ', 'thủy'],
    ['Khánh Hoà', 'Khánh Hòa'],
    ['Uỷ ban nhân dân', 'Ủy ban nhân dân'],
    ['Sở Văn hoá và Thể thao', 'Sở Văn hóa và Thể thao'],
    ['phường Thuỷ Xuân', 'phường Thủy Xuân'],
    ['Hoá Châu', 'Hóa Châu'],
    ['khoẻ', 'khỏe'],
    ['tuỳ', 'tùy'],
    ['luỹ', 'lũy'],
    ['HOÀ', 'HÒA'],
    ['Tỉnh uỷ', 'Tỉnh ủy'],
    // A misplaced mark on a closed syllable goes to the main vowel.
    ['hòan thành', 'hoàn thành'],
  ];
  for (const [input, expected] of cases) assert.equal(normalizeText(input), expected, input);
});

test('normalizeText: leaves correct words, qu/gi syllables and non-Vietnamese words alone', () => {
  const unchanged = [
    'Quyết định',
    'quý',
    'người',
    'khuỷu',
    'giữ gìn',
    'ngoài',
    'xoáy',
    'Thừa Thiên Huế',
    'Vỹ Dạ',
    'A Lưới 1',
    'Chân Mây - Lăng Cô',
    'Hue-S',
    'HueIOC',
    'Zalo OA',
    'Hoàng',
    'Nguyễn Thanh Bình',
  ];
  for (const s of unchanged) assert.equal(normalizeText(s), s, s);
});

test('normalizeText: Icelandic eth (legacy encodings) becomes Đ', () => {
  assert.equal(normalizeText('Ðài Phát thanh'), 'Đài Phát thanh');
});

test('foldAccents: lowercase, no diacritics, đ → d', () => {
  assert.equal(foldAccents('Sở Thông tin và Truyền thông'), 'so thong tin va truyen thong');
  assert.equal(foldAccents('Đài Phát thanh và Truyền hình Thừa Thiên Huế'), 'dai phat thanh va truyen hinh thua thien hue');
  assert.equal(foldAccents('ĐỒNG THUẬN'), 'dong thuan');
  assert.equal(foldAccents('Khánh Hoà'), foldAccents('Khánh Hòa'));
  assert.equal(foldAccents('Vỹ Dạ'), 'vy da');
  assert.equal(foldAccents(''), '');
});

test('tokenizeFolded / tokenize / searchKey', () => {
  assert.deepEqual(tokenizeFolded('- Sở TT&TT; UBND tỉnh.'), ['so', 'tt', 'tt', 'ubnd', 'tinh']);
  assert.deepEqual(tokenize('Sở Tư pháp, Sở Nội vụ.'), ['Sở', 'Tư', 'pháp', 'Sở', 'Nội', 'vụ']);
  assert.equal(searchKey('  Ủy ban  nhân dân tỉnh  '), 'uy ban nhan dan tinh');
  assert.equal(searchKey('Uỷ ban nhân dân tỉnh'), searchKey('Uy ban nhan dan tinh'));
});

test('containsFolded: whole words, with or without diacritics', () => {
  assert.ok(containsFolded('Ủy ban nhân dân tỉnh Thừa Thiên Huế', 'thua thien'));
  assert.ok(containsFolded('Ủy ban nhân dân tỉnh Thừa Thiên Huế', 'Thừa Thiên Huế'));
  assert.ok(containsFolded('Sở Văn hoá và Thể thao', 'văn hóa'));
  assert.ok(!containsFolded('Ủy ban nhân dân huyện Phú Vang', 'hue'));
  assert.ok(containsFolded('anything', ''));
});

test('hasDiacritics', () => {
  assert.ok(hasDiacritics('Sở Tư pháp'));
  assert.ok(hasDiacritics('Đ'));
  assert.ok(!hasDiacritics('So Tu phap'));
});

test('compareVi: Vietnamese alphabetical order (a ă â … d đ … o ô ơ …)', () => {
  const names = ['Đông Hà', 'Dương Nỗ', 'Ân Thi', 'An Cựu', 'Ăn Uống', 'Ơn', 'Ông', 'Oanh', 'Bình Điền'];
  assert.deepEqual([...names].sort(compareVi), [
    'An Cựu',
    'Ăn Uống',
    'Ân Thi',
    'Bình Điền',
    'Dương Nỗ',
    'Đông Hà',
    'Oanh',
    'Ông',
    'Ơn',
  ]);
  const districts = ['Phú Vang', 'A Lưới', 'Hương Trà', 'Nam Đông', 'Hương Thủy', 'Phong Điền', 'Quảng Điền', 'Phú Lộc'];
  assert.deepEqual([...districts].sort(compareVi), [
    'A Lưới',
    'Hương Thủy',
    'Hương Trà',
    'Nam Đông',
    'Phong Điền',
    'Phú Lộc',
    'Phú Vang',
    'Quảng Điền',
  ]);
  assert.equal(viCollator.resolvedOptions().locale, 'vi');
});

test('property: normalizeText is idempotent and never throws', () => {
  const viChars = fc.constantFrom(...'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵiìíỉĩịđĐ qghnkt \u0300\u0301\u0309\u0303\u0323\n\u00A0'.split(''));
  const viString = fc.array(viChars, { maxLength: 40 }).map((a) => a.join(''));
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), viString), (s) => {
      const once = normalizeText(s);
      assert.equal(normalizeText(once), once);
      assert.equal(once, once.normalize('NFC'));
      assert.ok(!/\s{2}/.test(once));
    }),
    { numRuns: 500 },
  );
});

test('property: foldAccents output has no combining marks and no đ', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
      const f = foldAccents(s);
      assert.ok(!/\p{M}/u.test(f.normalize('NFD')), JSON.stringify(f));
      assert.ok(!/[đĐ]/.test(f));
      assert.equal(foldAccents(f), f);
    }),
    { numRuns: 2000 },
  );
});

test('folding is insensitive to tone placement and case', () => {
  fc.assert(
    fc.property(fc.constantFrom('Khánh Hoà', 'Thuỷ Xuân', 'UỶ BAN NHÂN DÂN', 'hoà bình'), (s) => {
      assert.equal(foldAccents(normalizeText(s)), foldAccents(s));
    }),
  );
});
