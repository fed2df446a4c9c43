/**
 * Retraining with the users' corrections: the shipped corpus plus the corrections train a
 * candidate, and the candidate replaces the active model only if it is not worse on the
 * corpus's fixed evaluation split (see project-corpus.ts). Pure: the server stores versions
 * and corrections; this decides.
 */
import { Classifier, trainClassifier, type Example, type LinearModel, type TrainResult } from './classifier.ts';
import { evaluate, type Evaluation } from './metrics.ts';
import { splitCorpus, taskSettings, type TaskSettings } from './project-corpus.ts';
import { searchKey } from '../vietnamese.ts';

export interface RetrainInput {
  task: string;
  /** The shipped corpus of the task (all of it; the split is done here). */
  corpus: readonly Example[];
  /** Staff corrections (text and the right label). */
  corrections: readonly Example[];
  /** The model in use now, judged on the same evaluation split. */
  current: LinearModel | null;
  /** Macro-F1 the candidate may lose against the current model and still be activated (0 = never worse). */
  tolerance?: number;
  /** Each correction counts this many times (they are few and in the users' own domain). */
  correctionWeight?: number;
  settings?: TaskSettings;
  /** Turns the trained model into what will run (e.g. a round trip through the quantised file) before it is judged. */
  finalize?: (model: LinearModel) => LinearModel;
}

export interface RetrainOutcome {
  /** The model judged (finalized when asked). */
  model: LinearModel;
  training: TrainResult;
  candidate: Evaluation;
  current: Evaluation | null;
  activate: boolean;
  /** One Vietnamese sentence: why activated or not. */
  reason: string;
  counts: { corpusTrain: number; corpusDev: number; evaluation: number; corrections: number; correctionsSkipped: number };
}

/** Evaluate a model on examples; labels the model does not know count as errors. */
export function evaluateModel(model: LinearModel, examples: readonly Example[]): Evaluation {
  const classifier = new Classifier(model);
  const labels = [...model.labels];
  for (const e of examples) if (!labels.includes(e.label)) labels.push(e.label);
  const index = new Map(labels.map((l, i) => [l, i]));
  const gold = examples.map((e) => index.get(e.label) as number);
  const pred = examples.map((e) => classifier.predictIndex(e.text));
  return evaluate(gold, pred, labels);
}

const pct = (x: number): string => (x * 100).toFixed(2);

export function retrain(input: RetrainInput): RetrainOutcome {
  const settings = input.settings ?? taskSettings(input.task);
  const split = splitCorpus(input.corpus);
  if (split.eval.length === 0) throw new Error(`Kho ngữ liệu của tác vụ "${input.task}" không có phần đánh giá cố định.`);
  // A correction whose text is in the evaluation split would leak the answer into training.
  const evalKeys = new Set(split.eval.map((e) => searchKey(e.text)));
  const usable = input.corrections.filter((c) => !evalKeys.has(searchKey(c.text)));
  const weight = Math.max(1, Math.round(input.correctionWeight ?? 3));
  const train: Example[] = [...split.train];
  for (const c of usable) for (let i = 0; i < weight; i++) train.push(c);
  const training = trainClassifier(train, settings.training, settings.features, split.dev.length ? split.dev : undefined);
  const model = input.finalize ? input.finalize(training.model) : training.model;
  const candidate = evaluateModel(model, split.eval);
  const current = input.current ? evaluateModel(input.current, split.eval) : null;
  const tolerance = input.tolerance ?? 0;
  const activate = current === null || candidate.macroF1 >= current.macroF1 - tolerance;
  const reason =
    current === null
      ? `Chưa có mô hình đang dùng: phiên bản mới được kích hoạt (macro-F1 ${pct(candidate.macroF1)} trên ${candidate.n} mẫu đánh giá cố định).`
      : activate
        ? `Không kém hơn mô hình đang dùng: macro-F1 ${pct(candidate.macroF1)} so với ${pct(current.macroF1)} trên ${candidate.n} mẫu đánh giá cố định.`
        : `Kém hơn mô hình đang dùng nên không kích hoạt: macro-F1 ${pct(candidate.macroF1)} so với ${pct(current.macroF1)} (cho phép giảm tối đa ${pct(tolerance)}) trên ${candidate.n} mẫu đánh giá cố định.`;
  return {
    model,
    training,
    candidate,
    current,
    activate,
    reason,
    counts: {
      corpusTrain: split.train.length,
      corpusDev: split.dev.length,
      evaluation: split.eval.length,
      corrections: usable.length,
      correctionsSkipped: input.corrections.length - usable.length,
    },
  };
}
