// Count distributions written out by hand (no dependencies): log-gamma, regularised incomplete
// gamma and beta functions, and on top of them the Poisson, negative-binomial and binomial
// pmf / cdf / upper tail and quantiles used by the spike detector and the forecaster.
//
// Tails go through the incomplete gamma / beta functions (series and Lentz continued
// fractions with the prefactor in log space), not through sums of pmfs, so they stay accurate
// for large counts (thousands of articles a day) and for tiny p-values (down to ~1e-300).
//
// Negative binomial is parametrised by its mean `mu` and size `theta`:
// Var = mu + mu² / theta (NB2; theta → ∞ is Poisson).

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const EPS = 1e-15;
const TINY = 1e-300;

/** log Γ(x) for x > 0 (Lanczos, g = 7; ~1e-15 relative), with reflection for x < 0.5. */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) {
    // Γ(x)Γ(1−x) = π / sin(πx)
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (z + i);
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** log(k!) */
export function lfactorial(k: number): number {
  return k < 2 ? 0 : lgamma(k + 1);
}

/** log B(a, b) */
export function lbeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** Regularised lower incomplete gamma P(a, x) = γ(a, x) / Γ(a). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (!Number.isFinite(x)) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinued(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), computed without cancellation. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinued(a, x);
}

function gammaSeries(a: number, x: number): number {
  let ap = a;
  let sum = 1 / a;
  let del = sum;
  const maxIter = 1000 + Math.ceil(20 * Math.sqrt(a));
  for (let n = 0; n < maxIter; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return Math.min(1, sum * Math.exp(-x + a * Math.log(x) - lgamma(a)));
}

function gammaContinued(a: number, x: number): number {
  // modified Lentz for the continued fraction of Q(a, x)
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  const maxIter = 1000 + Math.ceil(20 * Math.sqrt(a));
  for (let i = 1; i < maxIter; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.min(1, Math.exp(-x + a * Math.log(x) - lgamma(a)) * h);
}

/**
 * Regularised incomplete beta I_x(a, b). `y` = 1 − x may be given separately so that callers
 * holding both (e.g. mu/(theta+mu) and theta/(theta+mu)) avoid the cancellation in 1 − x.
 */
export function betaI(a: number, b: number, x: number, y: number = 1 - x): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const lfront = a * Math.log(x) + b * Math.log(y) - lbeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return Math.min(1, (Math.exp(lfront) * betaContinued(a, b, x, y)) / a);
  return Math.max(0, 1 - (Math.exp(lfront) * betaContinued(b, a, y, x)) / b);
}

function betaContinued(a: number, b: number, x: number, _y: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  const maxIter = 1000 + Math.ceil(20 * Math.sqrt(Math.max(a, b)));
  for (let m = 1; m <= maxIter; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

// ---------------------------------------------------------------- Poisson

export function poissonLogPmf(k: number, lambda: number): number {
  if (k < 0 || !Number.isInteger(k)) return -Infinity;
  if (lambda <= 0) return k === 0 ? 0 : -Infinity;
  return k * Math.log(lambda) - lambda - lfactorial(k);
}

export function poissonPmf(k: number, lambda: number): number {
  return Math.exp(poissonLogPmf(k, lambda));
}

/** P(X ≤ k) */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0;
  if (lambda <= 0) return 1;
  return gammaQ(Math.floor(k) + 1, lambda);
}

/** P(X ≥ k) */
export function poissonUpper(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  return gammaP(Math.ceil(k), lambda);
}

// ---------------------------------------------------------------- negative binomial

/** Beyond this size the NB is numerically a Poisson; switch to avoid slow continued fractions. */
const POISSON_LIMIT = 1e8;

function usePoisson(mu: number, theta: number): boolean {
  return !Number.isFinite(theta) || theta > POISSON_LIMIT || mu / theta < 1e-10;
}

export function nbLogPmf(k: number, mu: number, theta: number): number {
  if (k < 0 || !Number.isInteger(k)) return -Infinity;
  if (mu <= 0) return k === 0 ? 0 : -Infinity;
  if (usePoisson(mu, theta)) return poissonLogPmf(k, mu);
  const lt = Math.log(theta + mu);
  return lgamma(k + theta) - lgamma(theta) - lfactorial(k) + theta * (Math.log(theta) - lt) + k * (Math.log(mu) - lt);
}

export function nbPmf(k: number, mu: number, theta: number): number {
  return Math.exp(nbLogPmf(k, mu, theta));
}

/** P(X ≤ k) = I_p(theta, k + 1) with p = theta / (theta + mu). */
export function nbCdf(k: number, mu: number, theta: number): number {
  if (k < 0) return 0;
  if (mu <= 0) return 1;
  if (usePoisson(mu, theta)) return poissonCdf(k, mu);
  const s = theta + mu;
  return betaI(theta, Math.floor(k) + 1, theta / s, mu / s);
}

/** P(X ≥ k) = I_{1−p}(k, theta), computed directly (no 1 − cdf cancellation). */
export function nbUpper(k: number, mu: number, theta: number): number {
  if (k <= 0) return 1;
  if (mu <= 0) return 0;
  if (usePoisson(mu, theta)) return poissonUpper(k, mu);
  const s = theta + mu;
  return betaI(Math.ceil(k), theta, mu / s, theta / s);
}

// ---------------------------------------------------------------- binomial

/** P(X ≥ k) for X ~ Binomial(n, q). */
export function binomialUpper(k: number, n: number, q: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (q <= 0) return 0;
  if (q >= 1) return 1;
  return betaI(k, n - k + 1, q, 1 - q);
}

// ---------------------------------------------------------------- quantiles

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const plow = 0.02425;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - plow) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/**
 * Smallest integer k ≥ 0 with cdf(k) ≥ p, for a non-decreasing cdf, starting the search at
 * `guess` (exponential search for a bracket, then bisection: O(log) cdf evaluations).
 */
export function discreteQuantile(cdf: (k: number) => number, p: number, guess: number): number {
  if (p <= 0) return 0;
  let k = Math.max(0, Math.round(Number.isFinite(guess) ? guess : 0));
  let lo: number; // cdf(lo) < p (or lo = −1)
  let hi: number; // cdf(hi) ≥ p
  if (cdf(k) >= p) {
    hi = k;
    let step = 1;
    lo = hi - step;
    while (lo >= 0 && cdf(lo) >= p) {
      hi = lo;
      step *= 2;
      lo = hi - step;
    }
    lo = Math.max(lo, -1);
  } else {
    lo = k;
    let step = 1;
    hi = lo + step;
    while (cdf(hi) < p) {
      lo = hi;
      step *= 2;
      hi = lo + step;
      if (hi > 1e12) return Infinity;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (cdf(mid) >= p) hi = mid;
    else lo = mid;
  }
  k = hi;
  return k;
}

/** Normal-approximation starting point (with the skew term of Cornish–Fisher). */
function countGuess(p: number, mean: number, variance: number): number {
  const sd = Math.sqrt(Math.max(variance, 1e-12));
  const z = normalQuantile(p);
  const skew = (variance > 0 ? (2 * variance - mean) / (sd * Math.max(mean, 1e-12)) : 0) || 0;
  return Math.floor(mean + sd * (z + (skew * (z * z - 1)) / 6));
}

export function poissonQuantile(p: number, lambda: number): number {
  if (lambda <= 0) return 0;
  return discreteQuantile((k) => poissonCdf(k, lambda), p, countGuess(p, lambda, lambda));
}

export function nbQuantile(p: number, mu: number, theta: number): number {
  if (mu <= 0) return 0;
  if (usePoisson(mu, theta)) return poissonQuantile(p, mu);
  return discreteQuantile((k) => nbCdf(k, mu, theta), p, countGuess(p, mu, mu + (mu * mu) / theta));
}

/**
 * The largest count k that is still "ordinary" at level alpha, i.e. P(X ≥ k) ≥ alpha while
 * P(X ≥ k + 1) < alpha. A count c is improbable (upper-tail p < alpha) exactly when c > k.
 */
export function upperThreshold(upper: (k: number) => number, alpha: number, guess: number): number {
  // cdf'(k) := 1 − P(X ≥ k + 1) ≥ 1 − alpha  ⇔  P(X ≥ k + 1) ≤ alpha; we need the strict version.
  return discreteQuantile((k) => (upper(k + 1) < alpha ? 1 : 0), 1, guess);
}
