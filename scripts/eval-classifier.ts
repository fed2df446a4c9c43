// `npx tsx scripts/eval-classifier.ts [--tasks sentiment,toxicity,...] [--json] [--full] [--fasttext-seconds N] [--no-fasttext]`
//
// Trains and evaluates each task on the shared research corpora (../shared/datasets, read at
// run time; train split for training, dev split for early stopping / calibration and for the
// figures — the corpora's test splits are kept apart) and prints, side by side and measured
// in the same run: the majority class, multinomial Naive Bayes on the same syllable n-grams,
// our classifier and fastText (the Debian CLI, autotuned on dev, when installed) (accuracy, macro-F1,
// training time, texts/second on one core), plus the
// shipped model's out-of-box scores when a model file for the task is in models/.
// `--full` adds VNTC with its own 10 labels (comparable to published figures; slower).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MajorityBaseline, NaiveBayesBaseline } from '../src/nlp/text/baselines.ts';
import { Classifier, trainClassifier, type Example, type TrainOptions } from '../src/nlp/text/classifier.ts';
import type { FeatureConfig } from '../src/nlp/text/features.ts';
import { evaluate, formatConfusion, type Evaluation } from '../src/nlp/text/metrics.ts';
import { deserializeModel } from '../src/nlp/text/model-file.ts';
import { tokenize } from '../src/nlp/vietnamese.ts';
import { fastTextBinary, runFastText } from './fasttext-baseline.ts';
import {
  DATASETS_DIR,
  datasetsPresent,
  loadVfnd,
  loadVictsdHeadlines,
  loadVictsdToxicity,
  loadVihsd,
  loadVntc10,
  loadVntcSectors,
  loadVsfc,
  stratifiedFolds,
  type Corpus,
} from './nlp-datasets.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const MODELS_DIR = path.resolve(here, '..', 'models');

export interface TaskSpec {
  task: string;
  load: () => Corpus;
  training: Partial<TrainOptions>;
  features: Partial<FeatureConfig>;
  /** k-fold cross-validation instead of train/dev (no dev split, tiny corpus). */
  folds?: number;
  published: string;
  /** Extra out-of-domain check: (name, examples). */
  extra?: () => { name: string; examples: Example[] };
}

/** Settings chosen on the dev splits (see the model cards / report). */
export const TASKS: TaskSpec[] = [
  {
    task: 'sentiment',
    load: loadVsfc,
    training: { epochs: 10, learningRate: 0.2, classWeightPower: 0.5 },
    features: { charNgrams: [2, 4] },
    published: 'UIT-VSFC test: MaxEnt weighted-F1 87.94 (macro≈71.9); ensemble/PhoBERT ≈92.8 weighted-F1',
  },
  {
    task: 'toxicity',
    load: loadVihsd,
    training: { epochs: 10, learningRate: 0.2, classWeightPower: 0.5 },
    features: { charNgrams: [1, 4] },
    published: 'ViHSD test: mBERT macro-F1 62.69 (acc 86.88); TextCNN 61.11',
  },
  {
    task: 'toxicity_news',
    load: loadVictsdToxicity,
    training: { epochs: 10, learningRate: 0.2, classWeightPower: 0.5 },
    features: { charNgrams: [1, 4] },
    published: 'ViCTSD test: PhoBERT toxicity F1 59.40',
  },
  {
    task: 'topic',
    load: () => loadVntcSectors(1000),
    training: { epochs: 6, learningRate: 0.2, classWeightPower: 0.5, patience: 1 },
    features: { charNgrams: null, maxChars: 1000 },
    published: 'no published figure for the sector mapping (VNTC 10-class test: SVM 93.4, n-gram LM 97.1)',
    extra: () => ({ name: 'ViCTSD headlines (out of domain)', examples: loadVictsdHeadlines() }),
  },
  {
    task: 'fake_risk',
    load: () => {
      const all = loadVfnd();
      return { name: 'VFND (5-fold CV)', task: 'fake_risk', licence: 'GPL-3.0', shippable: false, train: all, dev: [] };
    },
    training: { epochs: 10, learningRate: 0.2, classWeightPower: 1, calibrate: false },
    features: { charNgrams: [2, 4], maxChars: 3000 },
    folds: 5,
    published: 'no published baseline (student experiments only)',
  },
];

const TOPIC10: TaskSpec = {
  task: 'topic10',
  load: () => loadVntc10(1000),
  training: { epochs: 6, learningRate: 0.2, classWeightPower: 0.5, patience: 1 },
  features: { charNgrams: null, maxChars: 1000 },
  published: 'VNTC 10-class test (full articles): SVM 93.4, underthesea TF-IDF SVM F1 92.8, n-gram LM 97.1',
};

export interface Row {
  task: string;
  data: string;
  model: string;
  n: number;
  accuracy: number;
  macroF1: number;
  trainSeconds?: number;
  textsPerSecond?: number;
  note?: string;
}

/** Texts per second of fn over texts, single thread, for at least `ms` milliseconds after a warm-up. */
export function throughput(texts: readonly string[], fn: (t: string) => unknown, ms = 1500): number {
  if (texts.length === 0) return 0;
  for (const t of texts.slice(0, 200)) fn(t);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (const t of texts) {
      fn(t);
      n++;
    }
  }
  return n / ((performance.now() - t0) / 1000);
}

function score(labels: string[], gold: readonly Example[], pred: readonly string[]): Evaluation {
  const li = new Map(labels.map((l, i) => [l, i]));
  const ix = (l: string): number => {
    let i = li.get(l);
    if (i === undefined) {
      i = labels.length;
      labels.push(l);
      li.set(l, i);
    }
    return i;
  };
  const g = gold.map((e) => ix(e.label));
  const p = pred.map((l) => ix(l));
  return evaluate(g, p, labels);
}

export interface FastTextOptions {
  bin: string | null;
  autotuneSeconds: number;
}

function runTask(spec: TaskSpec, log: (s: string) => void, ft: FastTextOptions): { rows: Row[]; details: string[] } {
  const rows: Row[] = [];
  const details: string[] = [];
  const tl = performance.now();
  const corpus = spec.load();
  log(`  ${spec.task}: ${corpus.name} loaded (${corpus.train.length} train / ${corpus.dev.length} dev) in ${((performance.now() - tl) / 1000).toFixed(1)} s`);

  if (spec.folds) {
    const all = corpus.train;
    const fold = stratifiedFolds(all, spec.folds);
    const preds = { majority: new Array<string>(all.length), nb: new Array<string>(all.length), ours: new Array<string>(all.length), fasttext: new Array<string>(all.length) };
    let tOurs = 0;
    let tNb = 0;
    let tFt = 0;
    let ftSpeed = 0;
    let ftSettings = '';
    for (let f = 0; f < spec.folds; f++) {
      const tr = all.filter((_, i) => fold[i] !== f);
      const maj = new MajorityBaseline(tr);
      let t = performance.now();
      const nb = new NaiveBayesBaseline(tr, { maxChars: spec.features.maxChars ?? 2000 });
      tNb += (performance.now() - t) / 1000;
      t = performance.now();
      const r = trainClassifier(tr, spec.training, spec.features);
      tOurs += (performance.now() - t) / 1000;
      const cl = new Classifier(r.model);
      all.forEach((e, i) => {
        if (fold[i] !== f) return;
        preds.majority[i] = maj.predict(e.text);
        preds.nb[i] = nb.predict(e.text);
        preds.ours[i] = cl.predict(e.text).label;
      });
      if (ft.bin) {
        const idx = all.map((_, i) => i).filter((i) => fold[i] === f);
        const inner = tr.filter((_, i) => i % 10 !== 0);
        const tune = tr.filter((_, i) => i % 10 === 0);
        const test = idx.map((i) => all[i] as Example);
        const r = runFastText(ft.bin, inner, tune, test, test.map((e) => e.text), Math.max(10, Math.round(ft.autotuneSeconds / spec.folds!)), spec.features.maxChars ?? 2000);
        idx.forEach((i, j) => (preds.fasttext[i] = r.predictions[j] as string));
        tFt += r.trainSeconds;
        ftSpeed += r.textsPerSecond / spec.folds!;
        ftSettings = r.settings;
        log(`    fold ${f + 1}: fastText ${r.settings}`);
      }
    }
    const labels = [...new Set(all.map((e) => e.label))].sort();
    const data = `${corpus.name}, n=${all.length}`;
    for (const [model, p, secs] of [
      ['majority class', preds.majority, undefined],
      ['naive Bayes (syllable 1-2g)', preds.nb, tNb / spec.folds],
      ['ours (LR, hashed n-grams)', preds.ours, tOurs / spec.folds],
      ...(ft.bin ? ([['fastText (autotuned)', preds.fasttext, tFt / spec.folds]] as const) : []),
    ] as const) {
      const e = score([...labels], all, p);
      rows.push({
        task: spec.task,
        data,
        model,
        n: all.length,
        accuracy: e.accuracy,
        macroF1: e.macroF1,
        ...(secs !== undefined ? { trainSeconds: secs } : {}),
        ...(model.startsWith('fastText') ? { textsPerSecond: ftSpeed, note: `inner 10% of each fold for autotune; last fold's settings: ${ftSettings}` } : {}),
      });
      if (model.startsWith('ours')) details.push(`${spec.task} — ours, pooled ${spec.folds}-fold predictions:\n${formatConfusion(e)}`);
    }
    return { rows, details };
  }

  const data = `${corpus.name} dev, n=${corpus.dev.length}`;
  const devTexts = corpus.dev.map((e) => e.text);
  const short = spec.extra ? spec.extra().examples.map((e) => e.text) : devTexts;

  const maj = new MajorityBaseline(corpus.train);
  const labels0 = [...new Set(corpus.train.map((e) => e.label))].sort();
  const em = score([...labels0], corpus.dev, devTexts.map((t) => maj.predict(t)));
  rows.push({ task: spec.task, data, model: 'majority class', n: em.n, accuracy: em.accuracy, macroF1: em.macroF1 });

  let t = performance.now();
  const nb = new NaiveBayesBaseline(corpus.train, { maxChars: spec.features.maxChars ?? 2000 });
  const nbSecs = (performance.now() - t) / 1000;
  const en = score([...labels0], corpus.dev, devTexts.map((x) => nb.predict(x)));
  rows.push({ task: spec.task, data, model: 'naive Bayes (syllable 1-2g)', n: en.n, accuracy: en.accuracy, macroF1: en.macroF1, trainSeconds: nbSecs, textsPerSecond: throughput(short, (x) => nb.predict(x)) });

  t = performance.now();
  const r = trainClassifier(corpus.train, spec.training, spec.features, corpus.dev, (l) =>
    log(`    epoch ${l.epoch}: loss ${l.trainLoss.toFixed(4)} dev macro-F1 ${((l.devMacroF1 ?? 0) * 100).toFixed(2)} (${l.seconds.toFixed(1)} s)`),
  );
  const secs = (performance.now() - t) / 1000;
  const cl = new Classifier(r.model);
  const eo = score([...r.model.labels], corpus.dev, devTexts.map((x) => r.model.labels[cl.predictIndex(x)] as string));
  const tps = throughput(short, (x) => cl.predictIndex(x));
  rows.push({
    task: spec.task,
    data,
    model: 'ours (LR, hashed n-grams)',
    n: eo.n,
    accuracy: eo.accuracy,
    macroF1: eo.macroF1,
    trainSeconds: secs,
    textsPerSecond: tps,
    note: `best epoch ${r.bestEpoch}, T=${r.model.temperature.toFixed(2)}, ECE ${r.dev?.eceBefore.toFixed(3)}→${r.dev?.ece.toFixed(3)}, weighted-F1 ${(eo.weightedF1 * 100).toFixed(2)}`,
  });
  if (ft.bin) {
    log(`    fastText: autotune ${ft.autotuneSeconds} s on the dev split…`);
    const r = runFastText(ft.bin, corpus.train, corpus.dev, corpus.dev, short, ft.autotuneSeconds, spec.features.maxChars ?? 2000);
    const ef = score([...labels0], corpus.dev, r.predictions);
    rows.push({ task: spec.task, data, model: 'fastText (autotuned)', n: ef.n, accuracy: ef.accuracy, macroF1: ef.macroF1, trainSeconds: r.trainSeconds, textsPerSecond: r.textsPerSecond, note: `autotune ${r.autotuneSeconds.toFixed(0)} s on dev; ${r.settings}; one thread; texts/s exclude model loading` });
  }
  rows.push({ task: spec.task, data: spec.extra ? 'short texts (headlines)' : data, model: 'tokenisation only (vietnamese.ts tokenize)', n: short.length, accuracy: NaN, macroF1: NaN, textsPerSecond: throughput(short, tokenize) });
  details.push(`${spec.task} — ours on ${data}:\n${formatConfusion(eo)}\n` + eo.perClass.map((c) => `  ${c.label}: P ${(c.precision * 100).toFixed(1)} R ${(c.recall * 100).toFixed(1)} F1 ${(c.f1 * 100).toFixed(1)} (n=${c.support})`).join('\n'));

  if (spec.extra) {
    const x = spec.extra();
    const ex = score([...r.model.labels], x.examples, x.examples.map((e) => cl.predict(e.text).label));
    const nx = score([...labels0], x.examples, x.examples.map((e) => nb.predict(e.text)));
    rows.push({ task: spec.task, data: `${x.name}, n=${x.examples.length}`, model: 'naive Bayes (syllable 1-2g)', n: nx.n, accuracy: nx.accuracy, macroF1: nx.macroF1 });
    rows.push({ task: spec.task, data: `${x.name}, n=${x.examples.length}`, model: 'ours (LR, hashed n-grams)', n: ex.n, accuracy: ex.accuracy, macroF1: ex.macroF1 });
  }

  // The shipped model, out of the box.
  const shipped = fs.existsSync(MODELS_DIR) ? fs.readdirSync(MODELS_DIR).filter((f) => f.startsWith(`${spec.task}-`) && f.endsWith('.dtlm')).sort() : [];
  for (const f of shipped) {
    const { model } = deserializeModel(fs.readFileSync(path.join(MODELS_DIR, f)));
    const sc = new Classifier(model);
    const es = score([...model.labels], corpus.dev, devTexts.map((x) => sc.predict(x).label));
    rows.push({ task: spec.task, data, model: `shipped ${f}`, n: es.n, accuracy: es.accuracy, macroF1: es.macroF1, textsPerSecond: throughput(short, (x) => sc.predictIndex(x)), note: 'trained on the same train carve-out, early-stopped on this dev' });
    if (spec.extra) {
      const x = spec.extra();
      const ex = score([...model.labels], x.examples, x.examples.map((e) => sc.predict(e.text).label));
      rows.push({ task: spec.task, data: `${x.name}, n=${x.examples.length}`, model: `shipped ${f}`, n: ex.n, accuracy: ex.accuracy, macroF1: ex.macroF1 });
    }
  }
  return { rows, details };
}

const pct = (x: number): string => (Number.isNaN(x) ? '' : (x * 100).toFixed(2));

export function formatTable(rows: readonly Row[]): string {
  const head = ['task', 'data', 'model', 'accuracy', 'macro-F1', 'train s', 'texts/s'];
  const body = rows.map((r) => [
    r.task,
    r.data,
    r.model,
    pct(r.accuracy),
    pct(r.macroF1),
    r.trainSeconds !== undefined ? r.trainSeconds.toFixed(1) : '',
    r.textsPerSecond !== undefined ? Math.round(r.textsPerSecond).toLocaleString('en-US') : '',
  ]);
  return ['| ' + head.join(' | ') + ' |', '|' + head.map(() => '---').join('|') + '|', ...body.map((b) => '| ' + b.join(' | ') + ' |')].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const full = args.includes('--full');
  const ti = args.indexOf('--tasks');
  const only = ti >= 0 ? (args[ti + 1] ?? '').split(',').filter(Boolean) : [];
  if (!datasetsPresent()) {
    console.error(`Không tìm thấy thư mục dữ liệu nghiên cứu ${DATASETS_DIR} (../shared/datasets).`);
    console.error('The shared research corpora are absent: nothing to evaluate. Set DONGTHUAN_DATASETS or place them there.');
    process.exit(2);
  }
  const fsi = args.indexOf('--fasttext-seconds');
  const ft: FastTextOptions = { bin: args.includes('--no-fasttext') ? null : fastTextBinary(), autotuneSeconds: fsi >= 0 ? Number(args[fsi + 1]) : 60 };
  if (!ft.bin && !json) console.error('fastText is not installed (apt-get install fasttext): its row is left out of the table.');
  const specs = [...TASKS, ...(full || only.includes('topic10') ? [TOPIC10] : [])].filter((s) => only.length === 0 || only.includes(s.task));
  const log = (s: string): void => {
    if (!json) console.error(s);
  };
  const rows: Row[] = [];
  const details: string[] = [];
  const published: Record<string, string> = {};
  const t0 = performance.now();
  for (const spec of specs) {
    log(`▶ ${spec.task}`);
    const r = runTask(spec, log, ft);
    rows.push(...r.rows);
    details.push(...r.details);
    published[spec.task] = spec.published;
  }
  if (json) {
    console.log(JSON.stringify({ rows, published, seconds: (performance.now() - t0) / 1000 }, null, 2));
    return;
  }
  console.log('\n' + formatTable(rows) + '\n');
  for (const r of rows.filter((x) => x.note)) console.log(`- ${r.task} / ${r.model}: ${r.note}`);
  console.log('\nPublished figures (test splits, not directly comparable with our dev figures):');
  for (const [k, v] of Object.entries(published)) console.log(`- ${k}: ${v}`);
  console.log('\n' + details.join('\n\n'));
  console.log(`\nTotal ${((performance.now() - t0) / 1000).toFixed(0)} s.${ft.bin ? '' : ' fastText is not installed (apt-get install fasttext), so it is not in the table.'}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
