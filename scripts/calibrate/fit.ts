/**
 * The two small fits behind the model: a conditional logit for the rank weights (which candidate of a
 * question is the right one) and a logistic regression for the confidence. Plain gradient methods over a
 * handful of weights, deterministic, with a little L2 regularisation so no weight runs off on a quirk of
 * the data.
 */

/** One question's candidates for the rank fit: each one's features, and which are right. */
export type RankExample = { readonly features: readonly (readonly number[])[]; readonly isRight: readonly boolean[] };

/**
 * Weights `w` maximising, over the examples, the log of the softmax share of the right candidates
 * (P(right) = Σ_right exp(w·x) / Σ_all exp(w·x)), less `l2` × |w|²: the order that puts right candidates first.
 */
export function fitRank(examples: readonly RankExample[], dimensions: number, options: { l2?: number; steps?: number } = {}): number[] {
  const l2 = options.l2 ?? 1e-3;
  return adam(dimensions, options.steps ?? 400, [], (w) => {
    const gradient = new Array<number>(dimensions).fill(0);
    let loss = 0;
    for (const { features, isRight } of examples) {
      const scores = features.map((x) => dot(w, x));
      const top = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - top));
      const all = exps.reduce((a, b) => a + b, 0);
      const right = exps.reduce((a, e, i) => a + (isRight[i] === true ? e : 0), 0);
      if (right === 0) continue;
      loss -= Math.log(right / all);
      features.forEach((x, i) => {
        const share = (exps[i] ?? 0) / all - (isRight[i] === true ? (exps[i] ?? 0) / right : 0);
        x.forEach((value, d) => (gradient[d] = (gradient[d] ?? 0) + share * value));
      });
    }
    const n = Math.max(1, examples.length);
    return { loss: loss / n + l2 * dot(w, w), gradient: gradient.map((g, d) => g / n + 2 * l2 * (w[d] ?? 0)) };
  });
}

/** One question for the confidence fit: what the confidence reads, and whether the first excerpt held the answer. */
export type ConfidenceExample = {
  readonly input: readonly number[];
  readonly holdsAnswer: boolean;
  /** How much the example counts in the fit. @default 1 */
  readonly weight?: number;
};

/** Intercept and weights of a logistic regression of `holdsAnswer` on `input`, L2-regularised (not the intercept). */
export function fitLogistic(
  examples: readonly ConfidenceExample[],
  dimensions: number,
  options: { l2?: number; steps?: number; signs?: readonly (-1 | 0 | 1)[] } = {},
): { intercept: number; weights: number[] } {
  const l2 = options.l2 ?? 1e-3;
  // The intercept is free; each weight keeps to its sign, if it has one (projected gradient descent).
  const signs: readonly (-1 | 0 | 1)[] = [0, ...(options.signs ?? [])];
  const w = adam(dimensions + 1, options.steps ?? 1500, signs, (v) => {
    const gradient = new Array<number>(dimensions + 1).fill(0);
    let loss = 0;
    let n = 0;
    for (const { input, holdsAnswer, weight = 1 } of examples) {
      const p = sigmoid((v[0] ?? 0) + dot(v.slice(1), input));
      const y = holdsAnswer ? 1 : 0;
      n += weight;
      loss -= weight * (y * Math.log(Math.max(p, 1e-12)) + (1 - y) * Math.log(Math.max(1 - p, 1e-12)));
      gradient[0] = (gradient[0] ?? 0) + weight * (p - y);
      input.forEach((value, d) => (gradient[d + 1] = (gradient[d + 1] ?? 0) + weight * (p - y) * value));
    }
    n = Math.max(1e-9, n);
    const weights = v.slice(1);
    return {
      loss: loss / n + l2 * dot(weights, weights),
      gradient: gradient.map((g, d) => g / n + (d === 0 ? 0 : 2 * l2 * (v[d] ?? 0))),
    };
  });
  return { intercept: w[0] ?? 0, weights: w.slice(1) };
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

/** Adam's gradient descent from zero, `steps` full-batch steps, each weight kept to its sign after each step: deterministic. */
function adam(
  dimensions: number,
  steps: number,
  signs: readonly (-1 | 0 | 1)[],
  lossAt: (w: number[]) => { loss: number; gradient: number[] },
): number[] {
  const [rate, beta1, beta2, epsilon] = [0.05, 0.9, 0.999, 1e-8];
  const w = new Array<number>(dimensions).fill(0);
  const m = new Array<number>(dimensions).fill(0);
  const v = new Array<number>(dimensions).fill(0);
  for (let t = 1; t <= steps; t += 1) {
    const { gradient } = lossAt(w);
    for (let d = 0; d < dimensions; d += 1) {
      const g = gradient[d] ?? 0;
      m[d] = beta1 * (m[d] ?? 0) + (1 - beta1) * g;
      v[d] = beta2 * (v[d] ?? 0) + (1 - beta2) * g * g;
      const mHat = (m[d] ?? 0) / (1 - beta1 ** t);
      const vHat = (v[d] ?? 0) / (1 - beta2 ** t);
      const next = (w[d] ?? 0) - (rate * mHat) / (Math.sqrt(vHat) + epsilon);
      const sign = signs[d] ?? 0;
      w[d] = sign === 0 ? next : sign > 0 ? Math.max(0, next) : Math.min(0, next);
    }
  }
  return w;
}
