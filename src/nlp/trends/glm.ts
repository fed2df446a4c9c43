// Negative-binomial GLM (log link) for a small design matrix, fitted by hand:
// IRLS with a light ridge penalty on the non-intercept coefficients (keeps day-of-week or
// hour-of-day effects finite when a level has only zeros, and shrinks them towards the mean
// for quiet series), dispersion from the Pearson statistic (method of moments), optional prior
// weights (e.g. exponential discounting of old observations) and Farrington-style reweighting:
// observations whose Anscombe residual exceeds a threshold are down-weighted and the model is
// refitted, so past outbreaks inflate neither the baseline mean nor the dispersion.

export interface NbFitOptions {
  /** Prior (frequency) weights, default 1 each. */
  priorWeights?: ArrayLike<number>;
  /** Ridge penalty added to X'WX for columns 1..p−1 (information units). Default 1. */
  ridge?: number;
  /** Starting coefficients (warm start from a neighbouring window). */
  start?: ArrayLike<number> | null;
  /** Starting dispersion. */
  startAlpha?: number;
  /**
   * Farrington reweighting: residuals r > threshold get weight (threshold / r)² (for threshold
   * 1 this is Farrington's r⁻²), weights renormalised to the same total. null = off.
   */
  reweightThreshold?: number | null;
  /** Number of reweight-and-refit passes (Farrington uses one). */
  reweightPasses?: number;
  /** Fix the dispersion instead of estimating it (0 = Poisson). */
  fixedAlpha?: number;
  maxIter?: number;
}

export interface NbFit {
  p: number;
  beta: Float64Array;
  /** NB2 dispersion: Var = mu + alpha·mu² (alpha = 1/theta; 0 = Poisson). */
  alpha: number;
  /** (X'WX + ridge)⁻¹ at the solution: covariance of beta on the log scale. */
  cov: Float64Array;
  /** Final weights (prior × reweighting), normalised to the prior total. */
  weights: Float64Array;
  /** Fitted means over the window. */
  mu: Float64Array;
}

const ETA_MIN = -30;
const ETA_MAX = 30;
const ALPHA_MAX = 50;

/** Cholesky factorisation in place (lower triangle); returns false if not positive definite. */
function cholesky(a: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let s = a[j * p + j] as number;
    for (let k = 0; k < j; k++) s -= (a[j * p + k] as number) ** 2;
    if (!(s > 0)) return false;
    const d = Math.sqrt(s);
    a[j * p + j] = d;
    for (let i = j + 1; i < p; i++) {
      let t = a[i * p + j] as number;
      for (let k = 0; k < j; k++) t -= (a[i * p + k] as number) * (a[j * p + k] as number);
      a[i * p + j] = t / d;
    }
  }
  return true;
}

function cholSolve(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    let s = x[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] as number) * (x[k] as number);
    x[i] = s / (l[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] as number) * (x[k] as number);
    x[i] = s / (l[i * p + i] as number);
  }
  return x;
}

function cholInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = cholSolve(l, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i] as number;
  }
  return inv;
}

function etaAt(X: Float64Array, p: number, i: number, beta: Float64Array): number {
  let eta = 0;
  const o = i * p;
  for (let j = 0; j < p; j++) eta += (X[o + j] as number) * (beta[j] as number);
  return eta < ETA_MIN ? ETA_MIN : eta > ETA_MAX ? ETA_MAX : eta;
}

/** Penalised IRLS for fixed alpha; updates beta in place, returns the Cholesky factor of A. */
function irls(
  X: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  pw: Float64Array,
  alpha: number,
  ridge: number,
  beta: Float64Array,
  mu: Float64Array,
  maxIter: number,
): Float64Array {
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let iter = 0; iter < maxIter; iter++) {
    A.fill(0);
    b.fill(0);
    for (let i = 0; i < n; i++) {
      const wi0 = pw[i] as number;
      if (wi0 <= 0) continue;
      const eta = etaAt(X, p, i, beta);
      const m = Math.exp(eta);
      const w = (wi0 * m) / (1 + alpha * m);
      // W·z = w·eta + pw·(y − mu)/(1 + alpha·mu): no division by a tiny mu
      const wz = w * eta + (wi0 * ((y[i] as number) - m)) / (1 + alpha * m);
      const o = i * p;
      for (let j = 0; j < p; j++) {
        const xj = X[o + j] as number;
        if (xj === 0) continue;
        b[j] = (b[j] as number) + xj * wz;
        const wxj = w * xj;
        for (let k = 0; k <= j; k++) A[j * p + k] = (A[j * p + k] as number) + wxj * (X[o + k] as number);
      }
    }
    for (let j = 1; j < p; j++) A[j * p + j] = (A[j * p + j] as number) + ridge;
    A[0] = (A[0] as number) + 1e-8;
    for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) A[j * p + k] = A[k * p + j] as number;
    if (!cholesky(A, p)) break;
    const next = cholSolve(A, p, b);
    let maxStep = 0;
    for (let j = 0; j < p; j++) maxStep = Math.max(maxStep, Math.abs((next[j] as number) - (beta[j] as number)));
    const damp = maxStep > 5 ? 5 / maxStep : 1; // cap wild first steps
    for (let j = 0; j < p; j++) beta[j] = (beta[j] as number) + damp * ((next[j] as number) - (beta[j] as number));
    if (maxStep < 1e-7) break;
  }
  for (let i = 0; i < n; i++) mu[i] = Math.exp(etaAt(X, p, i, beta));
  // factor of A at the final beta
  A.fill(0);
  for (let i = 0; i < n; i++) {
    const wi0 = pw[i] as number;
    if (wi0 <= 0) continue;
    const m = mu[i] as number;
    const w = (wi0 * m) / (1 + alpha * m);
    const o = i * p;
    for (let j = 0; j < p; j++) {
      const wxj = w * (X[o + j] as number);
      if (wxj === 0) continue;
      for (let k = 0; k <= j; k++) A[j * p + k] = (A[j * p + k] as number) + wxj * (X[o + k] as number);
    }
  }
  for (let j = 1; j < p; j++) A[j * p + j] = (A[j * p + j] as number) + ridge;
  A[0] = (A[0] as number) + 1e-8;
  for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) A[j * p + k] = A[k * p + j] as number;
  cholesky(A, p);
  return A;
}

/** Pearson / moment estimate of the NB2 dispersion: Σ w (y−mu)²/(mu(1+alpha·mu)) = Σw − p. */
export function pearsonAlpha(y: ArrayLike<number>, mu: ArrayLike<number>, w: ArrayLike<number>, p: number): number {
  let total = 0;
  for (let i = 0; i < mu.length; i++) total += w[i] as number;
  const df = total - p;
  if (df < 1) return 0;
  const g = (a: number): number => {
    let s = 0;
    for (let i = 0; i < mu.length; i++) {
      const wi = w[i] as number;
      if (wi <= 0) continue;
      const m = Math.max(mu[i] as number, 1e-12);
      const r = (y[i] as number) - m;
      s += (wi * r * r) / (m * (1 + a * m));
    }
    return s - df;
  };
  if (g(0) <= 0) return 0;
  if (g(ALPHA_MAX) >= 0) return ALPHA_MAX;
  let lo = 1e-8;
  let hi = ALPHA_MAX;
  if (g(lo) <= 0) return 0;
  for (let it = 0; it < 60; it++) {
    const mid = Math.sqrt(lo * hi);
    if (g(mid) > 0) lo = mid;
    else hi = mid;
    if (hi / lo < 1.001) break;
  }
  return Math.sqrt(lo * hi);
}

function fitOnce(
  X: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  pw: Float64Array,
  opts: NbFitOptions,
  beta: Float64Array,
  alpha0: number,
): { alpha: number; chol: Float64Array; mu: Float64Array } {
  const ridge = opts.ridge ?? 1;
  const maxIter = opts.maxIter ?? 30;
  const mu = new Float64Array(n);
  let alpha = opts.fixedAlpha ?? alpha0;
  let chol = irls(X, n, p, y, pw, alpha, ridge, beta, mu, maxIter);
  if (opts.fixedAlpha !== undefined) return { alpha, chol, mu };
  for (let outer = 0; outer < 6; outer++) {
    const next = pearsonAlpha(y, mu, pw, p);
    const done = Math.abs(next - alpha) <= 1e-3 * (alpha + 1e-3);
    alpha = next;
    chol = irls(X, n, p, y, pw, alpha, ridge, beta, mu, maxIter);
    if (done) break;
  }
  return { alpha, chol, mu };
}

/**
 * Fits log E[y] = X·beta with y ~ NB2(mu, alpha). X is row-major n × p with column 0 the
 * intercept.
 */
export function fitNegBin(X: Float64Array, n: number, p: number, y: ArrayLike<number>, opts: NbFitOptions = {}): NbFit {
  const pw = new Float64Array(n);
  let sumY = 0;
  let sumW = 0;
  for (let i = 0; i < n; i++) {
    pw[i] = opts.priorWeights ? (opts.priorWeights[i] as number) : 1;
    sumY += (pw[i] as number) * (y[i] as number);
    sumW += pw[i] as number;
  }
  const beta = new Float64Array(p);
  if (opts.start && opts.start.length === p) for (let j = 0; j < p; j++) beta[j] = opts.start[j] as number;
  else beta[0] = Math.log(Math.max(sumY / Math.max(sumW, 1e-12), 0.05));
  let { alpha, chol, mu } = fitOnce(X, n, p, y, pw, opts, beta, opts.startAlpha ?? 0.1);
  let weights = pw;
  const threshold = opts.reweightThreshold;
  if (threshold !== null && threshold !== undefined) {
    const passes = opts.reweightPasses ?? 1;
    for (let pass = 0; pass < passes; pass++) {
      const inv = cholInverse(chol, p);
      const next = new Float64Array(n);
      let total = 0;
      let totalNext = 0;
      for (let i = 0; i < n; i++) {
        const w0 = pw[i] as number;
        total += w0;
        if (w0 <= 0) continue;
        const m = mu[i] as number;
        const yi = y[i] as number;
        // leverage h = w_i · x_i' A⁻¹ x_i (w_i the IRLS weight, incl. the current reweighting)
        const o = i * p;
        let q = 0;
        for (let j = 0; j < p; j++) {
          const xj = X[o + j] as number;
          if (xj === 0) continue;
          for (let k = 0; k < p; k++) q += xj * (inv[j * p + k] as number) * (X[o + k] as number);
        }
        const h = Math.min(0.99, ((weights[i] as number) * m * q) / (1 + alpha * m));
        // Anscombe residual (Poisson form), scaled by the NB variance ratio and the leverage
        const r = (1.5 * (Math.cbrt(yi * yi) - Math.cbrt(m * m))) / (Math.pow(m, 1 / 6) * Math.sqrt((1 + alpha * m) * (1 - h)));
        const g = r > threshold ? (threshold / r) ** 2 : 1;
        next[i] = w0 * g;
        totalNext += w0 * g;
      }
      const gamma = totalNext > 0 ? total / totalNext : 1;
      for (let i = 0; i < n; i++) next[i] = (next[i] as number) * gamma;
      weights = next;
      ({ alpha, chol, mu } = fitOnce(X, n, p, y, weights, opts, beta, alpha));
    }
  }
  return { p, beta, alpha, cov: cholInverse(chol, p), weights, mu };
}

/** Linear predictor and its variance for a new row x. */
export function predictEta(fit: NbFit, x: ArrayLike<number>): { eta: number; variance: number } {
  const p = fit.p;
  let eta = 0;
  let v = 0;
  for (let j = 0; j < p; j++) {
    const xj = x[j] as number;
    eta += xj * (fit.beta[j] as number);
    if (xj === 0) continue;
    for (let k = 0; k < p; k++) v += xj * (fit.cov[j * p + k] as number) * (x[k] as number);
  }
  return { eta: Math.min(ETA_MAX, Math.max(ETA_MIN, eta)), variance: Math.max(0, v) };
}
