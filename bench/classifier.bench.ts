// Classifier prediction throughput (texts per second, one core) on short Vietnamese social
// and press texts, against baselines measured in the same run: tokenisation alone
// (vietnamese.ts tokenize) and our social normalisation alone. The model is trained here on
// the in-repo fixture (same feature settings as the shipped models), so the bench needs no
// ../shared data; when the shipped topic model is present it is measured too. Prints nothing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Classifier, trainClassifier } from '../src/nlp/text/classifier.ts';
import { FIXTURE_HELDOUT, FIXTURE_TRAIN } from '../src/nlp/text/fixtures.ts';
import { deserializeModel } from '../src/nlp/text/model-file.ts';
import { socialTokens } from '../src/nlp/text/social.ts';
import { tokenize } from '../src/nlp/vietnamese.ts';

interface BenchResult {
  name: string;
  figures: Record<string, number | string>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const SHIPPED = path.resolve(here, '..', 'models', 'topic-vntc-v1.dtlm');

/** Varied short texts (comments, headlines) built from the fixture with social-text noise. */
function workload(n: number): string[] {
  const base = [...FIXTURE_TRAIN, ...FIXTURE_HELDOUT].map((e) => e.text);
  const noise = [
    (s: string) => s,
    (s: string) => s + ' quáaaa :((',
    (s: string) => s.toLowerCase() + ' k đc đâu mn ơi 😡',
    (s: string) => s + ' xem https://hue.gov.vn/tin-tuc LH 0905123456',
    (s: string) => s.normalize('NFD'),
  ];
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) out.push((noise[i % noise.length] as (s: string) => string)(base[i % base.length] as string) + ` ${i % 97}`);
  return out;
}

function rate(texts: readonly string[], fn: (t: string) => unknown): number {
  for (const t of texts.slice(0, 500)) fn(t);
  const t0 = performance.now();
  for (const t of texts) fn(t);
  return texts.length / ((performance.now() - t0) / 1000);
}

export async function run(): Promise<BenchResult[]> {
  const texts = workload(20_000);
  const results: BenchResult[] = [];
  for (const [name, features] of [
    ['social settings (syllable 1-2g + folded + char 2-4g)', { charNgrams: [2, 4] as [number, number] }],
    ['press settings (syllable 1-2g + folded, no char n-grams)', { charNgrams: null, maxChars: 1000 }],
  ] as const) {
    const t0 = performance.now();
    const r = trainClassifier(FIXTURE_TRAIN, { epochs: 10 }, features);
    const trainMs = performance.now() - t0;
    const cl = new Classifier(r.model);
    const tok = rate(texts, tokenize);
    const norm = rate(texts, socialTokens);
    const pred = rate(texts, (t) => cl.predictIndex(t));
    const scores = rate(texts, (t) => cl.predict(t));
    results.push({
      name: `classifier prediction, ${name}`,
      figures: {
        'texts in workload': texts.length,
        'baseline: tokenize() texts/s': Math.round(tok),
        'social normalisation texts/s': Math.round(norm),
        'ours: label texts/s': Math.round(pred),
        'ours: label + calibrated scores texts/s': Math.round(scores),
        'ours / tokenize ratio': Math.round((pred / tok) * 100) / 100,
        'training on fixture (ms)': Math.round(trainMs),
      },
    });
  }
  if (fs.existsSync(SHIPPED)) {
    const cl = new Classifier(deserializeModel(fs.readFileSync(SHIPPED)).model);
    const tok = rate(texts, tokenize);
    const pred = rate(texts, (t) => cl.predict(t));
    results.push({
      name: 'shipped topic model (models/topic-vntc-v1.dtlm)',
      figures: { 'baseline: tokenize() texts/s': Math.round(tok), 'ours: label + scores texts/s': Math.round(pred), 'ours / tokenize ratio': Math.round((pred / tok) * 100) / 100 },
    });
  }
  return results;
}
