// Ridge regression on ml-matrix with an intercept that is not penalised: the columns of X and y are
// centred, (XᵀX + λI) w = Xᵀy is solved, and the intercept is ȳ − x̄·w.
import { CholeskyDecomposition, Matrix, solve } from 'ml-matrix';

export interface RidgeFit {
  intercept: number;
  weights: number[];
}

export function fitRidge(rows: readonly number[][], y: readonly number[], lambda: number): RidgeFit {
  const features = rows[0]?.length ?? 0;
  if (rows.length === 0 || rows.length !== y.length || features === 0) {
    throw new RangeError(
      `ridge needs as many rows as targets and at least one feature (${rows.length}, ${y.length})`,
    );
  }
  const means = Array.from({ length: features }, (_, j) => mean(rows.map((row) => row[j]!)));
  const yMean = mean(y);
  const x = new Matrix(rows.map((row) => row.map((value, j) => value - means[j]!)));
  const xt = x.transpose();
  const gram = xt.mmul(x);
  for (let j = 0; j < features; j++) gram.set(j, j, gram.get(j, j) + lambda);
  const rhs = xt.mmul(Matrix.columnVector(y.map((value) => value - yMean)));
  const cholesky = new CholeskyDecomposition(gram);
  const solution = cholesky.isPositiveDefinite() ? cholesky.solve(rhs) : solve(gram, rhs, true);
  const weights = solution.getColumn(0);
  return { intercept: yMean - weights.reduce((sum, w, j) => sum + w * means[j]!, 0), weights };
}

export function predictRidge(fit: RidgeFit, row: readonly number[]): number {
  return row.reduce((sum, value, j) => sum + value * fit.weights[j]!, fit.intercept);
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
