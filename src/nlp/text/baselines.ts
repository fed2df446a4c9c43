/**
 * Baselines measured beside our classifier in the same run: the majority class, and
 * multinomial Naive Bayes over the same normalised syllable unigrams + bigrams
 * (Laplace smoothing, no hashing, no class weights).
 */
import type { Example } from './classifier.ts';
import { socialTokens, syllableNgrams } from './social.ts';

/** Always predicts the most frequent training label. */
export class MajorityBaseline {
  readonly label: string;
  constructor(train: readonly Example[]) {
    const counts = new Map<string, number>();
    for (const e of train) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
    const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (!sorted[0]) throw new Error('Tập huấn luyện rỗng');
    this.label = sorted[0][0];
  }
  predict(_text: string): string {
    return this.label;
  }
}

/** Multinomial Naive Bayes on syllable n-grams. */
export class NaiveBayesBaseline {
  readonly labels: string[];
  private readonly logPrior: number[];
  private readonly logLik: Map<string, Float64Array>;
  private readonly logUnseen: number[];
  private readonly maxN: number;
  private readonly maxChars: number;

  constructor(train: readonly Example[], opts: { alpha?: number; maxN?: number; maxChars?: number } = {}) {
    const alpha = opts.alpha ?? 1;
    this.maxN = opts.maxN ?? 2;
    this.maxChars = opts.maxChars ?? 2000;
    this.labels = [...new Set(train.map((e) => e.label))].sort();
    const K = this.labels.length;
    if (K === 0) throw new Error('Tập huấn luyện rỗng');
    const li = new Map(this.labels.map((l, i) => [l, i]));
    const docs = new Array<number>(K).fill(0);
    const totals = new Array<number>(K).fill(0);
    const counts = new Map<string, Float64Array>();
    for (const e of train) {
      const k = li.get(e.label) as number;
      docs[k] = (docs[k] as number) + 1;
      for (const g of this.grams(e.text)) {
        let c = counts.get(g);
        if (!c) counts.set(g, (c = new Float64Array(K)));
        c[k] = (c[k] as number) + 1;
        totals[k] = (totals[k] as number) + 1;
      }
    }
    const V = counts.size + 1;
    this.logPrior = docs.map((d) => Math.log(d / train.length));
    this.logUnseen = totals.map((t) => Math.log(alpha / (t + alpha * V)));
    this.logLik = new Map();
    for (const [g, c] of counts) {
      const l = new Float64Array(K);
      for (let k = 0; k < K; k++) l[k] = Math.log(((c[k] as number) + alpha) / ((totals[k] as number) + alpha * V));
      this.logLik.set(g, l);
    }
  }

  private grams(text: string): string[] {
    return syllableNgrams(socialTokens(text.length > this.maxChars ? text.slice(0, this.maxChars) : text), this.maxN);
  }

  predict(text: string): string {
    const K = this.labels.length;
    const s = Float64Array.from(this.logPrior);
    for (const g of this.grams(text)) {
      const l = this.logLik.get(g);
      if (!l) continue; // unseen n-grams carry no evidence
      for (let k = 0; k < K; k++) s[k] = (s[k] as number) + (l[k] as number);
    }
    let best = 0;
    for (let k = 1; k < K; k++) if ((s[k] as number) > (s[best] as number)) best = k;
    return this.labels[best] as string;
  }
}
