// Train a classifier and write a versioned model file (.dtlm) with its model card (.card.md).
//
//   npx tsx scripts/train-classifier.ts --task T --data FILE [--dev FILE] --out MODEL
//        [--version V] [--dim 2^k] [--epochs N] [--char-ngrams 2-4|none] [--max-chars N]
//        [--class-weight P] [--lr X] [--quant int8|int16] [--licence TEXT]
//   npx tsx scripts/train-classifier.ts --corpus vntc-sectors [--out models/topic-vntc-v1.dtlm]
//   npx tsx scripts/train-classifier.ts --corpus project-sentiment|project-toxicity|project-fake_risk
//        (the project's own corpus in corpus/<task>, CC BY 4.0: train / dev / fixed evaluation split;
//         writes models/<task>-v1.dtlm; research corpora, when present, give out-of-domain figures)
//
// FILE is JSON Lines ({"text","label"}) or CSV with text,label columns; labels are any strings.
// The dev file, when given, is used for early stopping and calibration only, never for training.
// --corpus reads a shared research corpus from ../shared/datasets at run time. Only corpora whose
// licence allows distributing a derived model (VNTC, MIT) may be written under models/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Classifier, trainClassifier, type Example, type TrainOptions } from '../src/nlp/text/classifier.ts';
import { parseExamples } from '../src/nlp/text/data.ts';
import { DEFAULT_FEATURES, type FeatureConfig } from '../src/nlp/text/features.ts';
import { evaluate } from '../src/nlp/text/metrics.ts';
import { cardMetrics, renderModelCard, type ModelCard } from '../src/nlp/text/model-card.ts';
import { deserializeModel, serializeModel } from '../src/nlp/text/model-file.ts';
import { datasetsPresent, DATASETS_DIR, loadVfnd, loadVictsdHeadlines, loadVictsdToxicity, loadVihsd, loadVntc10, loadVntcSectors, loadVsfc, VNTC_TO_SECTOR, type Corpus } from './nlp-datasets.ts';
import { readCorpus, splitCorpus, taskSettings } from '../src/nlp/text/project-corpus.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '..');

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function counts(ex: readonly Example[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const e of ex) c[e.label] = (c[e.label] ?? 0) + 1;
  return Object.fromEntries(Object.entries(c).sort());
}

interface Job {
  task: string;
  train: Example[];
  dev: Example[];
  source: string;
  licence: string;
  shippable: boolean;
  shippableReason: string;
  labelMapping?: Record<string, string>;
  features: Partial<FeatureConfig>;
  training: Partial<TrainOptions>;
  intendedUse: string;
  caveats: string[];
  extra?: () => { name: string; examples: Example[] };
  /** Fixed evaluation split: the card's metrics are measured on it (dev then only stops and calibrates). */
  heldOut?: Example[];
  defaultOut: string;
}

function projectCorpus(task: string, research?: () => { name: string; examples: Example[] }): Job {
  const all = readCorpus(task);
  if (!all) throw new Error(`Không có kho ngữ liệu corpus/${task}.`);
  const split = splitCorpus(all);
  const settings = taskSettings(task);
  return {
    task,
    train: split.train,
    dev: split.dev,
    heldOut: split.eval,
    source: `Đồng Thuận project corpus corpus/${task} (${all.length} hand-written examples; split by hashed text: ${split.train.length} train / ${split.dev.length} dev / ${split.eval.length} fixed evaluation)`,
    licence: 'CC BY 4.0 (corpus/LICENSE.md)',
    shippable: true,
    shippableReason: 'trained only on the corpus written by the project, which it may distribute',
    features: settings.features,
    training: settings.training,
    intendedUse: settings.intendedUse,
    caveats: [
      ...settings.caveats,
      'Written by the project, not sampled from real traffic: expect lower figures on real comments (see the out-of-domain figure when present) and improve with staff corrections (dongthuan nlp retrain).',
    ],
    ...(research && datasetsPresent() ? { extra: research } : {}),
    defaultOut: path.join(REPO, 'models', `${task}-v1.dtlm`),
  };
}

const CORPORA: Record<string, () => Job> = {
  'vntc-sectors': () => {
    const c = loadVntcSectors(1000);
    return {
      task: 'topic',
      train: c.train,
      dev: c.dev,
      source: 'VNTC 10 topics, train split (duyvuleo/VNTC via magizbox/underthesea.classification b8d4898); 90/10 train/dev carve-out by hashed article id; first 1000 characters of each article, plus each training article title line as an extra example (so headlines are learnt too), every other title also without diacritics',
      licence: c.licence,
      shippable: true,
      shippableReason: 'VNTC corpus is MIT-licensed; the file holds only hashed n-gram weights, no article text',
      labelMapping: VNTC_TO_SECTOR,
      features: { charNgrams: null, maxChars: 1000 },
      training: { epochs: 6, learningRate: 0.2, classWeightPower: 0.5, patience: 1 },
      intendedUse: 'Tag press articles, headlines and leads with the province sector they are about (monitoring, routing to the responsible department).',
      caveats: [
        'Trained on mid-2000s national news: recent terms (chuyển đổi số, 2025 restructuring names) and local news are under-represented.',
        'No separate education / environment / agriculture / land / transport sectors: VNTC has no such sections; they fall into xa_hoi.',
        'Short headlines are harder than full articles (see the out-of-domain figure).',
      ],
      extra: () => ({ name: 'ViCTSD article titles (dev split, out of domain; sections mapped to sectors)', examples: loadVictsdHeadlines() }),
      defaultOut: path.join(REPO, 'models', 'topic-vntc-v1.dtlm'),
    };
  },
  'project-sentiment': () => projectCorpus('sentiment', () => ({ name: 'UIT-VSFC dev (out of domain: student feedback)', examples: loadVsfc().dev })),
  'project-toxicity': () => projectCorpus('toxicity', () => ({ name: 'ViHSD dev (out of domain: social media)', examples: loadVihsd().dev })),
  'project-fake_risk': () => projectCorpus('fake_risk', () => ({ name: 'VFND (out of domain: 2017–2018 news)', examples: loadVfnd() })),
  vntc10: () => research(loadVntc10(1000), { charNgrams: null, maxChars: 1000 }, true),
  vsfc: () => research(loadVsfc(), { charNgrams: [2, 4] }),
  vihsd: () => research(loadVihsd(), { charNgrams: [1, 4] }),
  victsd: () => research(loadVictsdToxicity(), { charNgrams: [1, 4] }),
};

function research(c: Corpus, features: Partial<FeatureConfig>, shippable = false): Job {
  return {
    task: c.task,
    train: c.train,
    dev: c.dev,
    source: `${c.name} train split (../shared/datasets)`,
    licence: c.licence,
    shippable,
    shippableReason: shippable ? 'MIT corpus' : 'research-only corpus: for measurement, never for distribution',
    features,
    training: {},
    intendedUse: shippable ? 'evaluation' : 'Research / evaluation only. Do not ship or commit.',
    caveats: shippable ? [] : ['Trained on research-only data: must not be distributed.'],
    defaultOut: path.join(process.cwd(), `${c.task}-${c.name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.dtlm`),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.length === 0) {
    console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
    return;
  }
  const corpus = arg(args, '--corpus');
  let job: Job;
  if (corpus) {
    const make = CORPORA[corpus];
    if (!make) throw new Error(`--corpus: một trong ${Object.keys(CORPORA).join(', ')}`);
    if (!corpus.startsWith('project-') && !datasetsPresent()) throw new Error(`Không tìm thấy ${DATASETS_DIR}: --corpus cần các bộ dữ liệu dùng chung.`);
    job = make();
  } else {
    const task = arg(args, '--task');
    const data = arg(args, '--data');
    if (!task || !data) throw new Error('Cần --task T và --data FILE (hoặc --corpus NAME).');
    const dev = arg(args, '--dev');
    job = {
      task,
      train: parseExamples(fs.readFileSync(data, 'utf8'), data),
      dev: dev ? parseExamples(fs.readFileSync(dev, 'utf8'), dev) : [],
      source: path.basename(data),
      licence: arg(args, '--licence') ?? 'as provided by the user',
      shippable: false,
      shippableReason: 'user data: the owner decides',
      features: {},
      training: {},
      intendedUse: `task ${task}`,
      caveats: [],
      defaultOut: `${task}.dtlm`,
    };
  }
  const cn = arg(args, '--char-ngrams');
  const features: Partial<FeatureConfig> = {
    ...job.features,
    ...(arg(args, '--dim') ? { dim: Number(arg(args, '--dim')) } : {}),
    ...(cn ? { charNgrams: cn === 'none' ? null : (cn.split('-').map(Number) as [number, number]) } : {}),
    ...(arg(args, '--max-chars') ? { maxChars: Number(arg(args, '--max-chars')) } : {}),
  };
  const training: Partial<TrainOptions> = {
    ...job.training,
    ...(arg(args, '--epochs') ? { epochs: Number(arg(args, '--epochs')) } : {}),
    ...(arg(args, '--lr') ? { learningRate: Number(arg(args, '--lr')) } : {}),
    ...(arg(args, '--class-weight') ? { classWeightPower: Number(arg(args, '--class-weight')) } : {}),
  };
  const out = path.resolve(arg(args, '--out') ?? job.defaultOut);
  if (!job.shippable && out.startsWith(path.join(REPO, 'models') + path.sep) && corpus) {
    throw new Error(`${corpus} là dữ liệu chỉ dùng cho nghiên cứu: không ghi mô hình vào models/ (thư mục được commit). Chọn --out ngoài kho mã.`);
  }
  const quant = (arg(args, '--quant') ?? 'int8') as 'int8' | 'int16';
  const version = arg(args, '--version') ?? `${path.basename(out, '.dtlm')}-${new Date().toISOString().slice(0, 10)}`;

  console.error(`Huấn luyện ${job.task}: ${job.train.length} mẫu huấn luyện, ${job.dev.length} mẫu dev…`);
  const r = trainClassifier(job.train, training, features, job.dev.length ? job.dev : undefined, (l) =>
    console.error(`  epoch ${l.epoch}: loss ${l.trainLoss.toFixed(4)}${l.devMacroF1 !== undefined ? ` dev macro-F1 ${(l.devMacroF1 * 100).toFixed(2)}` : ''} (${l.seconds.toFixed(1)} s)`),
  );

  // Measure the model as it will be read back (quantised).
  const draft = serializeModel(r.model, { task: job.task, modelVersion: version, quantization: quant });
  const loaded = new Classifier(deserializeModel(draft).model);
  const card: ModelCard = {
    task: job.task,
    modelVersion: version,
    createdAt: new Date().toISOString(),
    labels: r.model.labels,
    intendedUse: job.intendedUse,
    caveats: job.caveats,
    train: { source: job.source, licence: job.licence, examples: job.train.length, classCounts: counts(job.train), ...(job.labelMapping ? { labelMapping: job.labelMapping } : {}) },
    settings: { features: { ...DEFAULT_FEATURES, ...features }, training, temperature: r.model.temperature, quantization: quant, bestEpoch: r.bestEpoch },
    trainingSeconds: r.seconds,
    distribution: { shippable: job.shippable, reason: job.shippableReason },
  };
  const extra: Record<string, number | string> = {};
  if (job.heldOut?.length) {
    const known = job.heldOut.filter((e) => r.model.labels.includes(e.label));
    const gold = known.map((e) => r.model.labels.indexOf(e.label));
    const ev = evaluate(gold, known.map((e) => loaded.predictIndex(e.text)), r.model.labels);
    card.evaluation = { role: 'fixed evaluation split (never trained on; the same split judges retrained versions)', source: job.source, licence: job.licence, examples: known.length, classCounts: counts(known) };
    card.metrics = cardMetrics({ ...ev, ...(r.dev ? { ece: r.dev.ece } : {}) });
    if (r.dev) extra['dev macro-F1 (early stopping split)'] = r.dev.macroF1;
  } else if (job.dev.length) {
    const known = job.dev.filter((e) => r.model.labels.includes(e.label));
    const gold = known.map((e) => r.model.labels.indexOf(e.label));
    const ev = evaluate(gold, known.map((e) => loaded.predictIndex(e.text)), r.model.labels);
    card.evaluation = { role: 'early stopping, calibration and these metrics', source: `dev of ${job.source}`, licence: job.licence, examples: known.length, classCounts: counts(known) };
    card.metrics = cardMetrics({ ...ev, ...(r.dev ? { ece: r.dev.ece } : {}) });
    if (r.dev) extra['dev macro-F1 before quantisation'] = r.dev.macroF1;
  }
  if (job.extra) {
    const x = job.extra();
    const known = x.examples.filter((e) => r.model.labels.includes(e.label));
    const gold = known.map((e) => r.model.labels.indexOf(e.label));
    const ev = evaluate(gold, known.map((e) => loaded.predictIndex(e.text)), r.model.labels);
    extra[`${x.name}: accuracy`] = ev.accuracy;
    extra[`${x.name}: macro-F1`] = ev.macroF1;
  }
  if (Object.keys(extra).length) card.extra = extra;
  const buf = serializeModel(r.model, { task: job.task, modelVersion: version, quantization: quant, card });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, buf);
  const cardPath = out.replace(/\.dtlm$/, '') + '.card.md';
  fs.writeFileSync(cardPath, renderModelCard(card) + '\n');
  console.error(`Đã ghi ${out} (${(buf.length / 1024).toFixed(0)} KiB) và ${cardPath}`);
  if (card.metrics) console.error(`dev: accuracy ${(card.metrics.accuracy * 100).toFixed(2)}, macro-F1 ${(card.metrics.macroF1 * 100).toFixed(2)}`);
  for (const [k, v] of Object.entries(extra)) console.error(`${k}: ${typeof v === 'number' ? (v * 100).toFixed(2) : v}`);
}

try {
  await main();
} catch (e) {
  console.error(`Lỗi: ${(e as Error).message}`);
  process.exit(1);
}
