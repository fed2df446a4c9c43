/** Classification metrics: accuracy, per-class precision/recall/F1, macro-F1, confusion matrix, calibration. */

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  /** F1 averaged over classes weighted by support (what several Vietnamese papers report as "F1"). */
  weightedF1: number;
  perClass: ClassMetrics[];
  /** confusion[gold][predicted] counts, rows and columns in `labels` order. */
  confusion: number[][];
  labels: string[];
}

/** Evaluate predicted class indices against gold class indices. */
export function evaluate(gold: ArrayLike<number>, pred: ArrayLike<number>, labels: readonly string[]): Evaluation {
  if (gold.length !== pred.length) throw new Error(`evaluate: ${gold.length} nhãn đúng nhưng ${pred.length} dự đoán`);
  const K = labels.length;
  const confusion = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] as number;
    const p = pred[i] as number;
    if (g < 0 || g >= K || p < 0 || p >= K) throw new Error(`evaluate: chỉ số lớp ngoài phạm vi tại ${i}`);
    (confusion[g] as number[])[p] = ((confusion[g] as number[])[p] as number) + 1;
    if (g === p) correct++;
  }
  const perClass: ClassMetrics[] = labels.map((label, k) => {
    const tp = (confusion[k] as number[])[k] as number;
    let predicted = 0;
    let support = 0;
    for (let j = 0; j < K; j++) {
      predicted += (confusion[j] as number[])[k] as number;
      support += (confusion[k] as number[])[j] as number;
    }
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const present = perClass.filter((c) => c.support > 0);
  const macroF1 = present.length ? present.reduce((s, c) => s + c.f1, 0) / present.length : 0;
  const n = gold.length;
  const weightedF1 = n ? perClass.reduce((s, c) => s + c.f1 * c.support, 0) / n : 0;
  return { n, accuracy: n ? correct / n : 0, macroF1, weightedF1, perClass, confusion, labels: [...labels] };
}

/**
 * Expected calibration error of the top-class probability (equal-width bins):
 * the average gap between confidence and accuracy, weighted by bin size.
 */
export function expectedCalibrationError(probs: readonly ArrayLike<number>[], gold: ArrayLike<number>, bins = 10): number {
  const cnt = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const acc = new Array<number>(bins).fill(0);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] as ArrayLike<number>;
    let best = 0;
    for (let k = 1; k < p.length; k++) if ((p[k] as number) > (p[best] as number)) best = k;
    const c = p[best] as number;
    const b = Math.min(bins - 1, Math.floor(c * bins));
    cnt[b] = (cnt[b] as number) + 1;
    conf[b] = (conf[b] as number) + c;
    acc[b] = (acc[b] as number) + (best === gold[i] ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const nb = cnt[b] as number;
    if (nb > 0) ece += (nb / probs.length) * Math.abs((acc[b] as number) / nb - (conf[b] as number) / nb);
  }
  return ece;
}

/** Mean negative log-likelihood of the gold class. */
export function logLoss(probs: readonly ArrayLike<number>[], gold: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < probs.length; i++) s -= Math.log(Math.max(1e-12, (probs[i] as ArrayLike<number>)[gold[i] as number] as number));
  return probs.length ? s / probs.length : 0;
}

/** A confusion matrix as aligned text (rows = gold, columns = predicted). */
export function formatConfusion(e: Evaluation): string {
  const w = Math.max(6, ...e.labels.map((l) => l.length)) + 1;
  const corner = 'gold \\ pred';
  const w0 = Math.max(w, corner.length + 1);
  const head = corner.padEnd(w0) + e.labels.map((l) => l.padStart(w)).join('');
  const rows = e.labels.map((l, k) => l.padEnd(w0) + (e.confusion[k] as number[]).map((v) => String(v).padStart(w)).join(''));
  return [head, ...rows].join('\n');
}
