/**
 * `dongthuan nlp train | eval | classify`: the text classifiers of `src/nlp/text` from the
 * command line. Every failure is thrown as an {@link NlpCliError} (or another Error) whose
 * message is one Vietnamese line; `main.ts` prints it as `Lỗi: …` and exits 1.
 *
 * classify contract: one JSON line out per non-blank JSON line in, in order, streaming.
 * A bad input line (not JSON, not an object, no string "text") does not stop the run: its
 * output line is `{"id": <id or null>, "line": N, "error": "dòng N: …"}` and, once all input
 * is read, the command says on stderr how many lines failed and exits 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { Classifier, trainClassifier, type Example, type TrainOptions } from '../nlp/text/classifier.ts';
import { DataFileError, parseExamples } from '../nlp/text/data.ts';
import { DEFAULT_FEATURES, type FeatureConfig } from '../nlp/text/features.ts';
import { evaluate, formatConfusion, type Evaluation } from '../nlp/text/metrics.ts';
import { cardMetrics, renderModelCard, type ModelCard } from '../nlp/text/model-card.ts';
import { deserializeModel, ModelFileError, serializeModel, type StoredModel } from '../nlp/text/model-file.ts';
import { MODELS_DIR, shippedModels } from '../nlp/text/shipped.ts';

export class NlpCliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NlpCliError';
  }
}

export { MODELS_DIR };

function readFileOrFail(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new NlpCliError(
      code === 'ENOENT'
        ? `Không tìm thấy ${what} "${file}".`
        : code === 'EISDIR'
          ? `"${file}" là thư mục, không phải ${what}.`
          : code === 'EACCES'
            ? `Không có quyền đọc ${what} "${file}".`
            : `Không đọc được ${what} "${file}".`,
    );
  }
}

/** Read a labelled data file (JSONL or CSV); refuses a missing or empty file with a Vietnamese message. */
export function loadExamples(file: string): Example[] {
  const content = readFileOrFail(file, 'tệp dữ liệu').toString('utf8');
  let examples: Example[];
  try {
    examples = parseExamples(content, file);
  } catch (err) {
    if (err instanceof DataFileError) throw new NlpCliError(`Tệp dữ liệu "${file}", ${err.message}.`);
    throw err;
  }
  if (examples.length === 0) throw new NlpCliError(`Tệp dữ liệu "${file}" không có mẫu nào (cần các dòng {"text", "label"}).`);
  return examples;
}

/** Read and check a model file. */
export function loadModel(file: string): StoredModel & { classifier: Classifier } {
  const buf = readFileOrFail(file, 'tệp mô hình');
  let stored: StoredModel;
  try {
    stored = deserializeModel(buf);
  } catch (err) {
    if (err instanceof ModelFileError) throw new NlpCliError(`"${file}": ${err.message}`);
    throw err;
  }
  try {
    return { ...stored, classifier: new Classifier(stored.model) };
  } catch (err) {
    throw new NlpCliError(`"${file}": tệp mô hình hỏng (${(err as Error).message}).`);
  }
}

/** The shipped model file for a task (see src/nlp/text/shipped.ts), or a Vietnamese error naming the tasks that have one. */
export function shippedModelPath(task: string, dir = MODELS_DIR): string {
  const models = shippedModels(dir);
  const found = models.get(task);
  if (!found) {
    const offer = models.size ? ` Các tác vụ có mô hình sẵn: ${[...models.keys()].sort().join(', ')}.` : '';
    throw new NlpCliError(`Chưa có mô hình kèm sẵn cho tác vụ "${task}".${offer} Hãy huấn luyện bằng "dongthuan nlp train" rồi dùng --model.`);
  }
  return found;
}

function counts(ex: readonly Example[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const e of ex) c[e.label] = (c[e.label] ?? 0) + 1;
  return Object.fromEntries(Object.entries(c).sort(([a], [b]) => a.localeCompare(b)));
}

const pct = (x: number): string => (x * 100).toFixed(2);

export interface TrainArgs {
  task: string;
  data: string;
  dev?: string;
  out: string;
  epochs?: number;
  seed?: number;
  version?: string;
}

export interface TrainSummary {
  out: string;
  card: string;
  examples: number;
  labels: Record<string, number>;
  devExamples?: number;
  devIgnored?: number;
  devAccuracy?: number;
  devMacroF1?: number;
  bestEpoch: number;
  seconds: number;
}

/** Train on `data` (dev only for early stopping / calibration / reported metrics), write the model and its card. */
export function train(args: TrainArgs, progress: (line: string) => void = () => {}): TrainSummary {
  const task = args.task.trim();
  if (!task) throw new NlpCliError('--task không được để trống.');
  const trainSet = loadExamples(args.data);
  const labelCounts = counts(trainSet);
  const labels = Object.keys(labelCounts);
  if (labels.length < 2) {
    throw new NlpCliError(`Tệp dữ liệu "${args.data}" chỉ có một nhãn ("${labels[0] ?? ''}"); cần ít nhất 2 nhãn khác nhau để huấn luyện.`);
  }
  const devSet = args.dev ? loadExamples(args.dev) : [];
  const devKnown = devSet.filter((e) => labels.includes(e.label));
  const training: Partial<TrainOptions> = {
    ...(args.epochs !== undefined ? { epochs: args.epochs } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
  };
  const features: Partial<FeatureConfig> = {};
  progress(`Huấn luyện "${task}": ${trainSet.length} mẫu, ${labels.length} nhãn${devSet.length ? `, ${devKnown.length} mẫu dev` : ''}…`);
  const r = trainClassifier(trainSet, training, features, devKnown.length ? devKnown : undefined, (l) =>
    progress(`  vòng ${l.epoch}: loss ${l.trainLoss.toFixed(4)}${l.devMacroF1 !== undefined ? `, dev macro-F1 ${pct(l.devMacroF1)}` : ''}`),
  );
  const out = path.resolve(args.out);
  const version = args.version ?? `${path.basename(out, '.dtlm')}-${new Date().toISOString().slice(0, 10)}`;
  const quantization = 'int8' as const;
  // Metrics of the model as it will be read back (quantised).
  const draft = serializeModel(r.model, { task, modelVersion: version, quantization });
  const loaded = new Classifier(deserializeModel(draft).model);
  const card: ModelCard = {
    task,
    modelVersion: version,
    createdAt: new Date().toISOString(),
    labels: r.model.labels,
    intendedUse: `task ${task} (trained with dongthuan nlp train)`,
    caveats: [],
    train: { source: path.basename(args.data), licence: 'as provided by the user', examples: trainSet.length, classCounts: labelCounts },
    settings: { features: { ...DEFAULT_FEATURES, ...features }, training, temperature: r.model.temperature, quantization, bestEpoch: r.bestEpoch },
    trainingSeconds: r.seconds,
    distribution: { shippable: false, reason: 'user data: the owner decides' },
  };
  let devEval: Evaluation | undefined;
  if (devKnown.length) {
    const gold = devKnown.map((e) => r.model.labels.indexOf(e.label));
    devEval = evaluate(gold, devKnown.map((e) => loaded.predictIndex(e.text)), r.model.labels);
    card.evaluation = {
      role: 'early stopping, calibration and these metrics (never training)',
      source: path.basename(args.dev as string),
      licence: 'as provided by the user',
      examples: devKnown.length,
      classCounts: counts(devKnown),
      ...(devSet.length > devKnown.length ? { notes: `${devSet.length - devKnown.length} dev examples with labels absent from the training data were ignored` } : {}),
    };
    card.metrics = cardMetrics({ ...devEval, ...(r.dev ? { ece: r.dev.ece } : {}) });
  }
  const buf = serializeModel(r.model, { task, modelVersion: version, quantization, card });
  const cardPath = out.replace(/\.dtlm$/, '') + '.card.md';
  try {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, buf);
    fs.writeFileSync(cardPath, renderModelCard(card) + '\n');
  } catch (err) {
    throw new NlpCliError(`Không ghi được tệp mô hình "${args.out}" (${(err as { code?: string }).code ?? (err as Error).message}).`);
  }
  return {
    out,
    card: cardPath,
    examples: trainSet.length,
    labels: labelCounts,
    ...(args.dev ? { devExamples: devKnown.length, devIgnored: devSet.length - devKnown.length } : {}),
    ...(devEval ? { devAccuracy: devEval.accuracy, devMacroF1: devEval.macroF1 } : {}),
    bestEpoch: r.bestEpoch,
    seconds: r.seconds,
  };
}

export function formatTrainSummary(s: TrainSummary): string {
  const L = [
    `Đã huấn luyện trên ${s.examples} mẫu, ${Object.keys(s.labels).length} nhãn: ${Object.entries(s.labels).map(([k, v]) => `${k} (${v})`).join(', ')}.`,
  ];
  if (s.devExamples !== undefined) {
    L.push(
      s.devMacroF1 !== undefined
        ? `Dev (${s.devExamples} mẫu): macro-F1 ${pct(s.devMacroF1)}, độ chính xác ${pct(s.devAccuracy ?? 0)}; chọn vòng ${s.bestEpoch}.`
        : 'Dev: không có mẫu nào mang nhãn của tập huấn luyện.',
    );
    if (s.devIgnored) L.push(`Bỏ qua ${s.devIgnored} mẫu dev có nhãn không có trong tập huấn luyện.`);
  }
  L.push(`Mô hình: ${s.out}`, `Thẻ mô hình: ${s.card}`, `Thời gian: ${s.seconds.toFixed(1)} s.`);
  return L.join('\n') + '\n';
}

export interface EvalReport extends Evaluation {
  model: string;
  task: string;
  modelVersion: string;
  /** Gold labels of the data the model does not know (counted as errors, F1 0). */
  unknownLabels: string[];
}

/** Evaluate a model file on a labelled data file. */
export function evalModel(modelFile: string, dataFile: string): EvalReport {
  const { classifier, header } = loadModel(modelFile);
  const examples = loadExamples(dataFile);
  const labels = [...classifier.labels];
  const unknownLabels = [...new Set(examples.map((e) => e.label).filter((l) => !labels.includes(l)))].sort();
  const all = [...labels, ...unknownLabels];
  const index = new Map(all.map((l, i) => [l, i]));
  const gold = examples.map((e) => index.get(e.label) as number);
  const pred = examples.map((e) => classifier.predictIndex(e.text));
  return { model: modelFile, task: header.task, modelVersion: header.modelVersion, ...evaluate(gold, pred, all), unknownLabels };
}

export function formatEvalReport(r: EvalReport): string {
  const w = Math.max(8, ...r.labels.map((l) => l.length)) + 2;
  const L = [
    `Mô hình ${r.modelVersion} (tác vụ ${r.task}) trên ${r.n} mẫu:`,
    `  macro-F1 ${pct(r.macroF1)} · độ chính xác ${pct(r.accuracy)} · weighted-F1 ${pct(r.weightedF1)}`,
    '',
    `${'nhãn'.padEnd(w)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'F1'.padStart(10)}${'số mẫu'.padStart(10)}`,
    ...r.perClass.map((c) => `${c.label.padEnd(w)}${pct(c.precision).padStart(10)}${pct(c.recall).padStart(10)}${pct(c.f1).padStart(10)}${String(c.support).padStart(10)}`),
    '',
    'Ma trận nhầm lẫn (hàng = nhãn đúng, cột = dự đoán):',
    formatConfusion(r),
  ];
  if (r.unknownLabels.length) L.push('', `Nhãn mô hình không biết (tính là sai): ${r.unknownLabels.join(', ')}.`);
  return L.join('\n') + '\n';
}

export interface ClassifyArgs {
  task?: string;
  model?: string;
  /** Number of n-grams in "explanation" (0 = no explanation, faster). */
  explain: number;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * Stream `{"id","text"}` lines from input to `{"id","label","scores","explanation"}` lines on output.
 * Returns the line numbers of bad input lines (each answered with an error object).
 */
export async function classify(args: ClassifyArgs, input: Readable, output: Writable): Promise<{ lines: number; errors: number[] }> {
  if (args.task && args.model) throw new NlpCliError('Chỉ dùng một trong --task hoặc --model.');
  if (!args.task && !args.model) throw new NlpCliError('Cần --task T (mô hình kèm sẵn) hoặc --model TỆP.');
  const { classifier } = loadModel(args.model ?? shippedModelPath(args.task as string));
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  const errors: number[] = [];
  let lineNo = 0;
  let answered = 0;
  const write = async (obj: unknown): Promise<void> => {
    answered++;
    if (!output.write(JSON.stringify(obj) + '\n')) await once(output, 'drain');
  };
  for await (const raw of rl) {
    lineNo++;
    const line = raw.trim();
    if (line === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      obj = undefined;
    }
    const o = typeof obj === 'object' && obj !== null && !Array.isArray(obj) ? (obj as Record<string, unknown>) : null;
    const id = o && 'id' in o ? o.id : null;
    if (!o || typeof o.text !== 'string') {
      errors.push(lineNo);
      const why = !o ? (obj === undefined ? 'không phải JSON hợp lệ' : 'cần một đối tượng JSON {"id", "text"}') : 'thiếu "text" (chuỗi)';
      await write({ id, line: lineNo, error: `dòng ${lineNo}: ${why}` });
      continue;
    }
    if (args.explain > 0) {
      const e = classifier.explain(o.text, args.explain);
      const scores: Record<string, number> = {};
      for (const [k, v] of Object.entries(e.scores)) scores[k] = round6(v);
      await write({ id, label: e.label, scores, explanation: e.evidence.map((x) => x.ngram) });
    } else {
      const p = classifier.predict(o.text);
      const scores: Record<string, number> = {};
      for (const [k, v] of Object.entries(p.scores)) scores[k] = round6(v);
      await write({ id, label: p.label, scores });
    }
  }
  return { lines: answered, errors };
}
