import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Classifier, fitTemperature, labelSet, rng, softmaxInPlace, trainClassifier, type Example } from './classifier.ts';
import { FIXTURE_HELDOUT, FIXTURE_TRAIN } from './fixtures.ts';
import { evaluate } from './metrics.ts';

const FEATS = { dim: 1 << 14 };

test('the trainer learns the in-repo sentiment fixture: 100% on training data, ≥ 8/9 held out', () => {
  const r = trainClassifier(FIXTURE_TRAIN, { epochs: 30, seed: 3 }, FEATS);
  assert.deepEqual(r.model.labels, ['negative', 'neutral', 'positive']);
  const cl = new Classifier(r.model);
  const trainAcc = FIXTURE_TRAIN.filter((e) => cl.predict(e.text).label === e.label).length / FIXTURE_TRAIN.length;
  assert.equal(trainAcc, 1);
  const held = FIXTURE_HELDOUT.filter((e) => cl.predict(e.text).label === e.label).length;
  assert.ok(held >= 8, `held-out correct: ${held}/9`);
  // Deterministic for a seed.
  const again = trainClassifier(FIXTURE_TRAIN, { epochs: 30, seed: 3 }, FEATS);
  assert.deepEqual(again.model.weights, r.model.weights);
});

test('scores are probabilities over the labels; explanations name the words that decided', () => {
  const r = trainClassifier(FIXTURE_TRAIN, { epochs: 30, seed: 3 }, FEATS);
  const cl = new Classifier(r.model);
  const p = cl.predict('Thủ tục quá chậm, cán bộ hách dịch, rất bức xúc');
  assert.equal(p.label, 'negative');
  const sum = Object.values(p.scores).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-9);
  assert.ok((p.scores.negative as number) > 0.5);
  const ex = cl.explain('Thủ tục quá chậm, cán bộ hách dịch, rất bức xúc', 10);
  assert.equal(ex.label, 'negative');
  assert.ok(ex.evidence.length > 0);
  const text = ex.evidence.map((e) => e.ngram).join(' | ');
  assert.ok(/chậm|hách|bức|xúc/.test(text), text);
  for (let i = 1; i < ex.evidence.length; i++) assert.ok((ex.evidence[i - 1]?.weight as number) >= (ex.evidence[i]?.weight as number));
});

test('text without diacritics and teencode is still understood', () => {
  const r = trainClassifier(FIXTURE_TRAIN, { epochs: 30, seed: 3 }, FEATS);
  const cl = new Classifier(r.model);
  assert.equal(cl.predict('cam on can bo rat nhiet tinh, hai long lam').label, 'positive');
  assert.equal(cl.predict('ho so cham qua, buc xuc ghe').label, 'negative');
});

test('arbitrary string labels, class weights and a dev set for early stopping and calibration', () => {
  const train: Example[] = [];
  const dev: Example[] = [];
  const r0 = rng(5);
  const words = { 'nhãn A': ['lúa', 'gạo', 'ruộng', 'mùa màng'], 'nhãn B': ['bóng đá', 'trận', 'cầu thủ', 'bàn thắng'] };
  for (let i = 0; i < 120; i++) {
    const label = i % 6 === 0 ? 'nhãn B' : 'nhãn A'; // imbalanced 1:5
    const ws = words[label];
    const text = Array.from({ length: 4 }, () => ws[Math.floor(r0() * ws.length)]).join(' ');
    (i % 4 === 0 ? dev : train).push({ text, label });
  }
  const r = trainClassifier(train, { epochs: 10, classWeightPower: 1 }, FEATS, dev);
  assert.deepEqual(r.model.labels, ['nhãn A', 'nhãn B']);
  assert.ok(r.dev, 'dev evaluation present');
  assert.equal(r.dev?.macroF1, 1);
  assert.ok(r.model.temperature > 0);
  assert.ok(r.bestEpoch >= 1 && r.history.length <= 10);
  assert.equal(new Classifier(r.model).predict('cầu thủ ghi bàn thắng').label, 'nhãn B');
});

test('refuses empty or single-label training sets', () => {
  assert.throws(() => trainClassifier([], {}, FEATS), /rỗng/);
  assert.throws(() => trainClassifier([{ text: 'a', label: 'x' }], {}, FEATS), /ít nhất 2 nhãn/);
  assert.deepEqual(labelSet([{ text: '', label: 'b' }, { text: '', label: 'a' }, { text: '', label: 'b' }]), ['a', 'b']);
});

test('temperature scaling: over-confident logits get T > 1, softmax sums to 1', () => {
  const logits: Float64Array[] = [];
  const gold: number[] = [];
  for (let i = 0; i < 200; i++) {
    const right = i % 10 < 7; // 70% accurate but always 99.9% confident
    logits.push(Float64Array.from(right ? [8, 0] : [0, 8]));
    gold.push(0);
  }
  const T = fitTemperature(logits, gold);
  assert.ok(T > 3, `T=${T}`);
  const p = softmaxInPlace(Float64Array.from([8, 0]), T);
  assert.ok(Math.abs((p[0] as number) - 0.7) < 0.02, `calibrated p=${p[0]}`);
});

test('property: prediction never throws and returns a known label with finite scores', () => {
  const r = trainClassifier(FIXTURE_TRAIN, { epochs: 5, seed: 1 }, FEATS);
  const cl = new Classifier(r.model);
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })), (s) => {
      const p = cl.predict(s);
      assert.ok(r.model.labels.includes(p.label));
      for (const v of Object.values(p.scores)) assert.ok(Number.isFinite(v) && v >= 0 && v <= 1);
      cl.explain(s, 3);
    }),
    { numRuns: 200 },
  );
});

test('metrics agree with a hand computation', () => {
  const e = evaluate([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0], ['a', 'b', 'c']);
  assert.equal(e.accuracy, 4 / 6);
  assert.deepEqual(e.confusion, [[1, 1, 0], [0, 2, 0], [1, 0, 1]]);
  // F1: a = 0.5, b = 0.8, c = 2/3
  assert.ok(Math.abs(e.macroF1 - (0.5 + 0.8 + 2 / 3) / 3) < 1e-12);
});
