import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Classifier, trainClassifier } from './classifier.ts';
import { FIXTURE_HELDOUT, FIXTURE_TRAIN } from './fixtures.ts';
import { deserializeModel, MODEL_FORMAT_VERSION, ModelFileError, readModelHeader, serializeModel } from './model-file.ts';
import { cardMetrics, renderModelCard, type ModelCard } from './model-card.ts';
import { evaluate } from './metrics.ts';

const trained = trainClassifier(FIXTURE_TRAIN, { epochs: 30, seed: 3 }, { dim: 1 << 14 });

function card(): ModelCard {
  const cl = new Classifier(trained.model);
  const ev = evaluate(
    FIXTURE_HELDOUT.map((e) => trained.model.labels.indexOf(e.label)),
    FIXTURE_HELDOUT.map((e) => cl.predictIndex(e.text)),
    trained.model.labels,
  );
  return {
    task: 'sentiment',
    modelVersion: 'test-1',
    createdAt: '2025-01-01T00:00:00.000Z',
    labels: trained.model.labels,
    intendedUse: 'tests',
    caveats: ['tiny fixture'],
    train: { source: 'fixtures.ts', licence: 'project', examples: FIXTURE_TRAIN.length, classCounts: trained.trainCounts },
    settings: { features: trained.model.features, training: { epochs: 30 }, temperature: trained.model.temperature, quantization: 'int8' },
    metrics: cardMetrics(ev),
    distribution: { shippable: true, reason: 'hand-written fixture' },
  };
}

test('a saved model loads back and predicts the same labels (int8 and int16)', () => {
  const before = new Classifier(trained.model);
  for (const q of ['int8', 'int16'] as const) {
    const buf = serializeModel(trained.model, { task: 'sentiment', modelVersion: 'test-1', quantization: q, card: card() });
    const { model, header } = deserializeModel(buf);
    assert.equal(header.task, 'sentiment');
    assert.equal(header.formatVersion, MODEL_FORMAT_VERSION);
    assert.deepEqual(model.labels, trained.model.labels);
    const after = new Classifier(model);
    for (const e of [...FIXTURE_TRAIN, ...FIXTURE_HELDOUT]) assert.equal(after.predict(e.text).label, before.predict(e.text).label, `${q}: ${e.text}`);
    assert.equal(header.card?.metrics?.confusion.length, 3);
  }
});

test('the file is compact: 2^14 × 3 weights in well under 50 kB', () => {
  const buf = serializeModel(trained.model, { task: 'sentiment', modelVersion: 'test-1' });
  assert.ok(buf.length < 50_000, `${buf.length} bytes`);
});

test('a corrupt file or a file of another version is refused with a clear error', () => {
  const good = serializeModel(trained.model, { task: 'sentiment', modelVersion: 'test-1' });
  assert.throws(() => deserializeModel(Buffer.from('not a model at all')), (e: unknown) => e instanceof ModelFileError && /DTLM/.test(e.message));
  const wrongVersion = Buffer.from(good);
  wrongVersion.writeUInt32LE(99, 4);
  assert.throws(() => deserializeModel(wrongVersion), /phiên bản 99.*chỉ đọc phiên bản 1/);
  const flipped = Buffer.from(good);
  flipped[flipped.length - 5] = ((flipped[flipped.length - 5] as number) ^ 0xff) & 0xff;
  assert.throws(() => deserializeModel(flipped), /SHA-256/);
  assert.throws(() => deserializeModel(good.subarray(0, good.length - 10)), /byte/);
  assert.throws(() => deserializeModel(good.subarray(0, 40)), /cắt cụt|JSON/);
  const badHeader = Buffer.from(good);
  badHeader[13] = 0x7b; // break the JSON
  badHeader[14] = 0x7b;
  assert.throws(() => deserializeModel(badHeader), ModelFileError);
  assert.equal(readModelHeader(good).header.labels.length, 3);
});

test('the model card renders data, settings, metrics and the confusion matrix', () => {
  const md = renderModelCard(card());
  assert.match(md, /# Model card — sentiment test-1/);
  assert.match(md, /Confusion matrix/);
  assert.match(md, /\| negative \|/);
  assert.match(md, /"dim": 16384/);
  assert.match(md, /may be shipped/);
});

test('the shipped topic model (models/topic-vntc-v1.dtlm) loads and tags typical headlines', async (t) => {
  const fs = await import('node:fs');
  const file = new URL('../../../models/topic-vntc-v1.dtlm', import.meta.url);
  if (!fs.existsSync(file)) {
    t.skip('models/topic-vntc-v1.dtlm is not present');
    return;
  }
  const { model, header } = deserializeModel(fs.readFileSync(file));
  assert.equal(header.task, 'topic');
  assert.equal(header.card?.distribution.shippable, true);
  const cl = new Classifier(model);
  const cases: [string, string][] = [
    ['Công an tỉnh bắt đối tượng lừa đảo chiếm đoạt tài sản qua mạng', 'phap_luat'],
    ['Sở Y tế triển khai tiêm vắc xin phòng sởi cho trẻ em', 'y_te'],
    ['Giá vàng tăng mạnh, doanh nghiệp xuất khẩu gặp khó', 'kinh_te'],
    ['Đội tuyển bóng đá Việt Nam thắng Thái Lan 2-0', 'van_hoa_the_thao'],
    ['Cong an tinh bat doi tuong lua dao', 'phap_luat'],
  ];
  for (const [text, label] of cases) assert.equal(cl.predict(text).label, label, text);
});
