import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_FEATURES, FeatureExtractor, hashString, mix32, validateFeatureConfig, type FeatureConfig } from './features.ts';

const small: FeatureConfig = { ...DEFAULT_FEATURES, dim: 1 << 12 };

function dense(fx: FeatureExtractor, text: string): Map<number, number> {
  const v = fx.extract(text);
  const m = new Map<number, number>();
  v.idx.forEach((i, t) => m.set(i, (m.get(i) ?? 0) + (v.val[t] as number)));
  return m;
}

test('hashing is stable across runs (model files depend on it)', () => {
  assert.equal(hashString(''), 0x811c9dc5);
  assert.equal(hashString('a'), 0xe40c292c);
  assert.equal(hashString('huế'), hashString('huế'.normalize('NFC')));
  assert.equal(mix32(0), 0);
  const fx = new FeatureExtractor(small);
  const a = fx.extract('Đường ngập nặng mỗi khi mưa');
  const b = new FeatureExtractor(small).extract('Đường ngập nặng mỗi khi mưa');
  assert.deepEqual(a, b);
});

test('blocks are L2-normalised and weighted; indices stay in range', () => {
  const fx = new FeatureExtractor(small);
  const v = fx.extract('Cán bộ tiếp dân thái độ hách dịch, rất bức xúc');
  assert.equal(v.idx.length, v.val.length);
  for (const i of v.idx) assert.ok(i >= 0 && i < small.dim);
  let sq = 0;
  for (const x of v.val) sq += x * x;
  // three blocks with weights 1, 0.5, 1 → squared norm 1 + 0.25 + 1
  assert.ok(Math.abs(sq - 2.25) < 1e-4, `squared norm ${sq}`);
});

test('the same text with and without diacritics shares the folded and character features', () => {
  const fx = new FeatureExtractor({ ...small, wordWeight: 0 });
  const a = dense(fx, 'Cảm ơn cán bộ rất nhiệt tình');
  const b = dense(fx, 'Cam on can bo rat nhiet tinh');
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  const words = new FeatureExtractor({ ...small, foldedWords: false, charNgrams: null });
  const c = dense(words, 'Cảm ơn cán bộ');
  const d = dense(words, 'Cam on can bo');
  assert.equal([...c.keys()].filter((k) => d.has(k)).length, 0);
});

test('teencode and elongation map onto the standard words', () => {
  const fx = new FeatureExtractor({ ...small, charNgrams: null, foldedWords: false });
  const a = dense(fx, 'không được');
  const b = dense(fx, 'k đc');
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
});

test('maxChars truncates long texts', () => {
  const fx = new FeatureExtractor({ ...small, maxChars: 10 });
  assert.deepEqual(fx.extract('chính sách ' + 'mới '.repeat(1000)), fx.extract('chính sách'));
});

test('extractNamed reports readable n-gram names for explanations', () => {
  const fx = new FeatureExtractor(small);
  const names: string[] = [];
  const v = fx.extractNamed('an toàn giao thông', (_i, n) => names.push(n));
  assert.ok(names.includes('an toàn'));
  assert.ok(names.includes('~an toan'));
  assert.ok(names.includes('«toan»'));
  assert.deepEqual(v, fx.extract('an toàn giao thông'));
});

test('invalid configurations are refused', () => {
  assert.throws(() => validateFeatureConfig({ ...small, dim: 1000 }), /lũy thừa của 2/);
  assert.throws(() => validateFeatureConfig({ ...small, charNgrams: [4, 2] }), /charNgrams/);
  assert.throws(() => new FeatureExtractor({ ...small, maxChars: 0 }), /maxChars/);
});

test('property: any string gives a finite, in-range vector', () => {
  const fx = new FeatureExtractor(small);
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), (s) => {
      const v = fx.extract(s);
      assert.equal(v.idx.length, v.val.length);
      for (let t = 0; t < v.idx.length; t++) {
        assert.ok((v.idx[t] as number) >= 0 && (v.idx[t] as number) < small.dim);
        assert.ok(Number.isFinite(v.val[t]) && (v.val[t] as number) > 0);
      }
    }),
    { numRuns: 300 },
  );
});
