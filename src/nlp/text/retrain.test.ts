import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Example } from './classifier.ts';
import { FIXTURE_HELDOUT, FIXTURE_TRAIN } from './fixtures.ts';
import { isEvalText, readCorpus, splitCorpus, type TaskSettings } from './project-corpus.ts';
import { retrain } from './retrain.ts';

const CORPUS: Example[] = [...FIXTURE_TRAIN, ...FIXTURE_HELDOUT];
const SETTINGS: TaskSettings = { features: { dim: 1 << 14 }, training: { epochs: 30, seed: 3 }, intendedUse: 'test', caveats: [] };
const flip: Record<string, string> = { positive: 'negative', negative: 'positive', neutral: 'neutral' };

test('the evaluation split is fixed: the same texts whatever the order or the other lines', () => {
  const a = splitCorpus(CORPUS);
  const b = splitCorpus([...CORPUS].reverse().concat([{ text: 'Một dòng mới thêm vào kho', label: 'neutral' }]));
  assert.ok(a.eval.length > 0 && a.train.length > a.eval.length);
  assert.deepEqual(new Set(a.eval.map((e) => e.text)), new Set(b.eval.filter((e) => e.text !== 'Một dòng mới thêm vào kho').map((e) => e.text)));
  // Case and diacritics do not move a text across the split.
  for (const e of CORPUS) assert.equal(isEvalText(e.text), isEvalText(e.text.toUpperCase()));
});

test('a first model is activated; a retrain on good corrections is activated; a worse one is not', () => {
  const first = retrain({ task: 'sentiment', corpus: CORPUS, corrections: [], current: null, settings: SETTINGS });
  assert.equal(first.activate, true);
  assert.match(first.reason, /Chưa có mô hình/);
  assert.ok(first.candidate.macroF1 > 0.5, `first model macro-F1 ${first.candidate.macroF1}`);

  const good = retrain({
    task: 'sentiment',
    corpus: CORPUS,
    corrections: [{ text: 'Cán bộ phường làm việc tắc trách, dân chờ cả buổi', label: 'negative' }],
    current: first.model,
    settings: SETTINGS,
  });
  assert.equal(good.activate, true, good.reason);
  assert.equal(good.counts.corrections, 1);

  // Corrections that invert the polarity of the whole training part make a model that is worse on the fixed split.
  const { train } = splitCorpus(CORPUS);
  const wrong = train.map((e) => ({ text: e.text, label: flip[e.label] as string }));
  const worse = retrain({ task: 'sentiment', corpus: CORPUS, corrections: wrong, current: first.model, settings: SETTINGS, correctionWeight: 5 });
  assert.equal(worse.activate, false);
  assert.ok(worse.candidate.macroF1 < (worse.current?.macroF1 ?? 0));
  assert.match(worse.reason, /Kém hơn mô hình đang dùng/);
});

test('a correction of an evaluation text is not trained on (no leakage into the fixed split)', () => {
  const { eval: held } = splitCorpus(CORPUS);
  const leak = held.map((e) => ({ text: e.text.toLowerCase(), label: e.label }));
  const r = retrain({ task: 'sentiment', corpus: CORPUS, corrections: leak, current: null, settings: SETTINGS });
  assert.equal(r.counts.corrections, 0);
  assert.equal(r.counts.correctionsSkipped, leak.length);
});

test('readCorpus reads every .jsonl of the task folder in name order and reports a bad line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dt-corpus-'));
  fs.mkdirSync(path.join(dir, 'sentiment'));
  fs.writeFileSync(path.join(dir, 'sentiment', 'part-02.jsonl'), '{"text":"b","label":"negative","kind":"comment"}\n');
  fs.writeFileSync(path.join(dir, 'sentiment', 'part-01.jsonl'), '{"text":"a","label":"positive"}\n');
  assert.deepEqual(readCorpus('sentiment', dir), [
    { text: 'a', label: 'positive' },
    { text: 'b', label: 'negative' },
  ]);
  assert.equal(readCorpus('toxicity', dir), null);
  fs.writeFileSync(path.join(dir, 'sentiment', 'part-03.jsonl'), '{"text":"c"\n');
  assert.throws(() => readCorpus('sentiment', dir), /dòng 1/);
});
