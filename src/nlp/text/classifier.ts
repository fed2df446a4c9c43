/**
 * Our own text classifier: multinomial logistic regression over hashed syllable and
 * character n-grams ({@link FeatureExtractor}), trained with SGD + AdaGrad, class weights
 * for imbalance, early stopping on a dev set, temperature-scaled (calibrated) probabilities,
 * and explanations listing the n-grams that pushed a prediction most.
 *
 * Pure code, no I/O. Deterministic for a given seed.
 */
import { FeatureExtractor, validateFeatureConfig, type FeatureConfig, type SparseVec, DEFAULT_FEATURES } from './features.ts';
import { evaluate, expectedCalibrationError, logLoss, type Evaluation } from './metrics.ts';

export interface Example {
  text: string;
  label: string;
}

export interface TrainOptions {
  /** Maximum passes over the training data. */
  epochs: number;
  /** AdaGrad base learning rate. */
  learningRate: number;
  /** L2 penalty applied to the weights an example touches (lazy). */
  l2: number;
  /** Class weight = (n / (K · n_c))^power; 0 = unweighted, 1 = fully balanced. */
  classWeightPower: number;
  /** Stop after this many epochs without dev macro-F1 improvement (only with a dev set). */
  patience: number;
  /** Seed of the shuffling RNG. */
  seed: number;
  /** Fit a temperature on the dev set so that probabilities are calibrated (needs dev). */
  calibrate: boolean;
  /** Cache feature vectors of the training set in memory up to this many non-zeros (else recompute each epoch). */
  cacheNonZeros: number;
}

export const DEFAULT_TRAIN: TrainOptions = {
  epochs: 8,
  learningRate: 0.2,
  l2: 1e-6,
  classWeightPower: 0.5,
  patience: 2,
  seed: 1,
  calibrate: true,
  cacheNonZeros: 40_000_000,
};

/** The learned parameters; what a model file stores. */
export interface LinearModel {
  labels: string[];
  features: FeatureConfig;
  /** Weights, feature-major: W[f * K + k]. */
  weights: Float32Array;
  bias: Float32Array;
  /** Softmax temperature (1 = uncalibrated). */
  temperature: number;
}

export interface EpochLog {
  epoch: number;
  trainLoss: number;
  devMacroF1?: number;
  devAccuracy?: number;
  seconds: number;
}

export interface TrainResult {
  model: LinearModel;
  history: EpochLog[];
  bestEpoch: number;
  /** Dev evaluation of the returned model (when a dev set was given). */
  dev?: Evaluation & { ece: number; eceBefore: number; logLoss: number };
  seconds: number;
  trainCounts: Record<string, number>;
}

export interface Prediction {
  label: string;
  /** Calibrated probability of each label. */
  scores: Record<string, number>;
}

export interface Explanation extends Prediction {
  /** The n-grams that pushed most towards the predicted label (weight = contribution to its logit vs. the mean of the others). */
  evidence: { ngram: string; weight: number }[];
}

/** Small fast seeded RNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Softmax in place of logits / T; returns the array. */
export function softmaxInPlace<T extends Float64Array | Float32Array>(z: T, temperature = 1): T {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) if ((z[k] as number) / temperature > max) max = (z[k] as number) / temperature;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp((z[k] as number) / temperature - max);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k] = (z[k] as number) / sum;
  return z;
}

/** Raw logits of a feature vector (into out). */
export function logitsOf(model: LinearModel, x: SparseVec, out: Float64Array): Float64Array {
  const K = model.labels.length;
  const W = model.weights;
  for (let k = 0; k < K; k++) out[k] = model.bias[k] as number;
  const { idx, val } = x;
  for (let t = 0; t < idx.length; t++) {
    const base = (idx[t] as number) * K;
    const v = val[t] as number;
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) + (W[base + k] as number) * v;
  }
  return out;
}

function argmax(a: ArrayLike<number>): number {
  let b = 0;
  for (let k = 1; k < a.length; k++) if ((a[k] as number) > (a[b] as number)) b = k;
  return b;
}

/** Find the temperature minimising dev log-loss (golden-section search on log T). */
export function fitTemperature(logits: readonly Float64Array[], gold: ArrayLike<number>): number {
  if (logits.length === 0) return 1;
  const nll = (logT: number): number => {
    const T = Math.exp(logT);
    let s = 0;
    const buf = new Float64Array((logits[0] as Float64Array).length);
    for (let i = 0; i < logits.length; i++) {
      buf.set(logits[i] as Float64Array);
      softmaxInPlace(buf, T);
      s -= Math.log(Math.max(1e-12, buf[gold[i] as number] as number));
    }
    return s;
  };
  let a = Math.log(0.05);
  let b = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = nll(c);
  let fd = nll(d);
  for (let it = 0; it < 40; it++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = nll(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = nll(d);
    }
  }
  return Math.exp((a + b) / 2);
}

/** Labels in first-seen order, sorted for stability. */
export function labelSet(examples: readonly Example[]): string[] {
  return [...new Set(examples.map((e) => e.label))].sort();
}

/**
 * Train a model. The dev set (if any) is used only for early stopping and for the
 * temperature, never for gradient steps.
 */
export function trainClassifier(
  train: readonly Example[],
  options: Partial<TrainOptions> = {},
  features: Partial<FeatureConfig> = {},
  dev?: readonly Example[],
  onEpoch?: (log: EpochLog) => void,
): TrainResult {
  const t0 = performance.now();
  const opt: TrainOptions = { ...DEFAULT_TRAIN, ...options };
  const fcfg: FeatureConfig = { ...DEFAULT_FEATURES, ...features };
  validateFeatureConfig(fcfg);
  if (train.length === 0) throw new Error('Tập huấn luyện rỗng');
  const labels = labelSet(train);
  if (labels.length < 2) throw new Error(`Cần ít nhất 2 nhãn để huấn luyện, chỉ có: ${labels.join(', ')}`);
  const K = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const fx = new FeatureExtractor(fcfg);
  const y = Int32Array.from(train.map((e) => labelIndex.get(e.label) as number));
  const trainCounts: Record<string, number> = Object.fromEntries(labels.map((l) => [l, 0]));
  for (const e of train) trainCounts[e.label] = (trainCounts[e.label] ?? 0) + 1;
  const classWeight = labels.map((l) => Math.pow(train.length / (K * (trainCounts[l] as number)), opt.classWeightPower));

  // Feature cache (short-text corpora fit easily; long articles are recomputed each epoch).
  let cache: (SparseVec | null)[] | null = [];
  let nnz = 0;
  for (const e of train) {
    if (!cache) break;
    const v = fx.extract(e.text);
    nnz += v.idx.length;
    if (nnz > opt.cacheNonZeros) cache = null;
    else cache.push(v);
  }
  const vec = (i: number): SparseVec => (cache ? (cache[i] as SparseVec) : fx.extract((train[i] as Example).text));

  const devKnown = dev ? dev.filter((e) => labelIndex.has(e.label)) : [];
  const devVecs = devKnown.map((e) => fx.extract(e.text));
  const devGold = Int32Array.from(devKnown.map((e) => labelIndex.get(e.label) as number));

  const D = fcfg.dim;
  const W = new Float32Array(D * K);
  const G = new Float32Array(D * K);
  const bias = new Float32Array(K);
  const Gb = new Float32Array(K);
  const model: LinearModel = { labels, features: fcfg, weights: W, bias, temperature: 1 };

  const random = rng(opt.seed);
  const order = Int32Array.from(train.map((_, i) => i));
  const z = new Float64Array(K);
  const history: EpochLog[] = [];
  let best: { f1: number; W: Float32Array; b: Float32Array; epoch: number } | null = null;
  let sinceBest = 0;
  const lr = opt.learningRate;
  const eps = 1e-6;

  const devPredict = (): Int32Array => {
    const out = new Int32Array(devVecs.length);
    for (let i = 0; i < devVecs.length; i++) out[i] = argmax(logitsOf(model, devVecs[i] as SparseVec, z));
    return out;
  };

  for (let epoch = 1; epoch <= opt.epochs; epoch++) {
    const te = performance.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    let loss = 0;
    for (let o = 0; o < order.length; o++) {
      const i = order[o] as number;
      const x = vec(i);
      const gi = y[i] as number;
      logitsOf(model, x, z);
      softmaxInPlace(z);
      loss -= Math.log(Math.max(1e-12, z[gi] as number));
      const cw = classWeight[gi] as number;
      for (let k = 0; k < K; k++) z[k] = ((z[k] as number) - (k === gi ? 1 : 0)) * cw;
      const { idx, val } = x;
      for (let t = 0; t < idx.length; t++) {
        const base = (idx[t] as number) * K;
        const v = val[t] as number;
        for (let k = 0; k < K; k++) {
          const p = base + k;
          const w = W[p] as number;
          const g = (z[k] as number) * v + opt.l2 * w;
          const acc = (G[p] as number) + g * g;
          G[p] = acc;
          W[p] = w - (lr * g) / (Math.sqrt(acc) + eps);
        }
      }
      for (let k = 0; k < K; k++) {
        const g = z[k] as number;
        const acc = (Gb[k] as number) + g * g;
        Gb[k] = acc;
        bias[k] = (bias[k] as number) - (lr * g) / (Math.sqrt(acc) + eps);
      }
    }
    const log: EpochLog = { epoch, trainLoss: loss / order.length, seconds: (performance.now() - te) / 1000 };
    if (devVecs.length > 0) {
      const ev = evaluate(devGold, devPredict(), labels);
      log.devMacroF1 = ev.macroF1;
      log.devAccuracy = ev.accuracy;
      if (!best || ev.macroF1 > best.f1 + 1e-9) {
        best = { f1: ev.macroF1, W: W.slice(), b: bias.slice(), epoch };
        sinceBest = 0;
      } else if (++sinceBest >= opt.patience) {
        history.push(log);
        onEpoch?.(log);
        break;
      }
    }
    history.push(log);
    onEpoch?.(log);
  }
  if (best) {
    W.set(best.W);
    bias.set(best.b);
  }
  const result: TrainResult = {
    model,
    history,
    bestEpoch: best ? best.epoch : history.length,
    seconds: 0,
    trainCounts,
  };
  if (devVecs.length > 0) {
    const logits = devVecs.map((v) => logitsOf(model, v, new Float64Array(K)));
    const probsAt = (T: number): Float64Array[] => logits.map((l) => softmaxInPlace(Float64Array.from(l), T));
    const eceBefore = expectedCalibrationError(probsAt(1), devGold);
    if (opt.calibrate) model.temperature = fitTemperature(logits, devGold);
    const probs = probsAt(model.temperature);
    const pred = Int32Array.from(logits.map((l) => argmax(l)));
    result.dev = { ...evaluate(devGold, pred, labels), ece: expectedCalibrationError(probs, devGold), eceBefore, logLoss: logLoss(probs, devGold) };
  }
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}

/** Runs a trained model: predictions with calibrated scores, and explanations. */
export class Classifier {
  readonly model: LinearModel;
  private readonly fx: FeatureExtractor;
  private readonly z: Float64Array;

  constructor(model: LinearModel) {
    validateFeatureConfig(model.features);
    const K = model.labels.length;
    if (model.weights.length !== model.features.dim * K) throw new Error(`Mô hình không khớp: ${model.weights.length} trọng số, cần ${model.features.dim}×${K}`);
    if (model.bias.length !== K) throw new Error(`Mô hình không khớp: ${model.bias.length} hệ số chặn, cần ${K}`);
    this.model = model;
    this.fx = new FeatureExtractor(model.features);
    this.z = new Float64Array(K);
  }

  get labels(): readonly string[] {
    return this.model.labels;
  }

  /** Calibrated probabilities of the labels, in label order (fresh array). */
  probabilities(text: string): Float64Array {
    const z = logitsOf(this.model, this.fx.extract(text), new Float64Array(this.model.labels.length));
    return softmaxInPlace(z, this.model.temperature);
  }

  /** Index of the most probable label (fast path, no allocation of scores). */
  predictIndex(text: string): number {
    return argmax(logitsOf(this.model, this.fx.extract(text), this.z));
  }

  predict(text: string): Prediction {
    const p = this.probabilities(text);
    const scores: Record<string, number> = {};
    this.model.labels.forEach((l, k) => (scores[l] = p[k] as number));
    return { label: this.model.labels[argmax(p)] as string, scores };
  }

  /** The prediction and the `top` n-grams that pushed most towards its label. */
  explain(text: string, top = 8): Explanation {
    const names = new Map<number, Set<string>>();
    const x = this.fx.extractNamed(text, (i, name) => {
      let s = names.get(i);
      if (!s) names.set(i, (s = new Set()));
      if (s.size < 3) s.add(name);
    });
    const K = this.model.labels.length;
    const z = softmaxInPlace(logitsOf(this.model, x, new Float64Array(K)), this.model.temperature);
    const c = argmax(z);
    const contrib = new Map<number, number>();
    const W = this.model.weights;
    for (let t = 0; t < x.idx.length; t++) {
      const f = x.idx[t] as number;
      const base = f * K;
      let mean = 0;
      for (let k = 0; k < K; k++) if (k !== c) mean += W[base + k] as number;
      mean = K > 1 ? mean / (K - 1) : 0;
      contrib.set(f, (contrib.get(f) ?? 0) + (x.val[t] as number) * ((W[base + c] as number) - mean));
    }
    const evidence = [...contrib.entries()]
      .filter(([, w]) => w > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([f, w]) => ({ ngram: [...(names.get(f) ?? [])].join(' | '), weight: Math.round(w * 1000) / 1000 }));
    const scores: Record<string, number> = {};
    this.model.labels.forEach((l, k) => (scores[l] = z[k] as number));
    return { label: this.model.labels[c] as string, scores, evidence };
  }
}
