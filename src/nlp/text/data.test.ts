import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DataFileError, parseCsv, parseCsvExamples, parseExamples, parseJsonlExamples } from './data.ts';
import { MajorityBaseline, NaiveBayesBaseline } from './baselines.ts';
import { FIXTURE_HELDOUT, FIXTURE_TRAIN } from './fixtures.ts';

test('CSV: quoted commas, doubled quotes, newlines inside quotes, CRLF, BOM', () => {
  const rows = parseCsv('\uFEFFtext,label\r\n"Đẹp, rất đẹp",1\r\n"Anh ấy nói ""không""\nrồi đi",0\r\nbình thường,2\r\n');
  assert.deepEqual(
    rows.map((r) => r.fields),
    [['text', 'label'], ['Đẹp, rất đẹp', '1'], ['Anh ấy nói "không"\nrồi đi', '0'], ['bình thường', '2']],
  );
  assert.deepEqual(rows.map((r) => r.line), [1, 2, 3, 5]);
  assert.deepEqual(parseCsvExamples('label,id,text\nxấu,1,"Tệ quá"\n'), [{ text: 'Tệ quá', label: 'xấu' }]);
});

test('JSONL: string or number labels, blank lines skipped, malformed line reported with its number', () => {
  assert.deepEqual(parseJsonlExamples('{"text":"Tốt","label":"tích cực"}\n\n{"text":"Tệ","label":0}\n'), [
    { text: 'Tốt', label: 'tích cực' },
    { text: 'Tệ', label: '0' },
  ]);
  assert.throws(() => parseJsonlExamples('{"text":"a","label":"x"}\n{oops\n'), (e: unknown) => e instanceof DataFileError && e.line === 2 && /dòng 2/.test(e.message));
  assert.throws(() => parseJsonlExamples('{"text":"a"}'), /dòng 1: thiếu "label"/);
  assert.throws(() => parseJsonlExamples('["a","b"]'), /dòng 1/);
  assert.throws(() => parseCsvExamples('text,label\na,b,c\n'), /dòng 2/);
  assert.throws(() => parseCsvExamples('văn bản,nhãn\na,b\n'), /dòng 1/);
  assert.throws(() => parseCsv('text,label\n"chưa đóng,1\n'), /dòng 2/);
  assert.equal(parseExamples('text,label\na,b\n', 'x.CSV').length, 1);
  assert.equal(parseExamples('{"text":"a","label":"b"}', 'x.jsonl').length, 1);
});

test('property: the CSV parser never throws on quote-free input and round-trips simple rows', () => {
  fc.assert(
    fc.property(fc.array(fc.array(fc.string().filter((s) => !/[",\r\n]/.test(s)), { minLength: 2, maxLength: 2 }), { maxLength: 20 }), (rows) => {
      const text = rows.map((r) => r.join(',')).join('\n');
      const parsed = parseCsv(text).map((r) => r.fields);
      assert.deepEqual(parsed, rows.filter((r) => r.join(',') !== ''));
    }),
  );
});

test('baselines: majority class and Naive Bayes on the fixture', () => {
  const maj = new MajorityBaseline(FIXTURE_TRAIN);
  const counts = new Map<string, number>();
  for (const e of FIXTURE_TRAIN) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  const most = Math.max(...counts.values());
  assert.equal(counts.get(maj.predict('bất kỳ')), most);
  const nb = new NaiveBayesBaseline(FIXTURE_TRAIN);
  const ok = FIXTURE_HELDOUT.filter((e) => nb.predict(e.text) === e.label).length;
  assert.ok(ok >= 6, `NB held-out ${ok}/9`);
});
