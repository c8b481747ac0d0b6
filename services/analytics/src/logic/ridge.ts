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
  const n = rows.length;
  const means = Array.from({ length: features }, (_, j) => rows.reduce((sum, row) => sum + row[j]!, 0) / n);
  const yMean = y.reduce((sum, value) => sum + value, 0) / n;
  // XᵀX and Xᵀy of the centred data, accumulated row by row: no n × p matrix is built.
  const gram = Array.from({ length: features }, (_, j) =>
    Array.from({ length: features }, (_, k) => (j === k ? lambda : 0)),
  );
  const xty = new Array<number>(features).fill(0);
  const centred = new Array<number>(features).fill(0);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    for (let j = 0; j < features; j++) centred[j] = row[j]! - means[j]!;
    const target = y[i]! - yMean;
    for (let j = 0; j < features; j++) {
      const cj = centred[j]!;
      const gramRow = gram[j]!;
      xty[j] = xty[j]! + cj * target;
      for (let k = 0; k < features; k++) gramRow[k] = gramRow[k]! + cj * centred[k]!;
    }
  }
  const rhs = Matrix.columnVector(xty);
  const matrix = new Matrix(gram);
  const cholesky = new CholeskyDecomposition(matrix);
  const solution = cholesky.isPositiveDefinite() ? cholesky.solve(rhs) : solve(matrix, rhs, true);
  const weights = solution.getColumn(0);
  return { intercept: yMean - weights.reduce((sum, w, j) => sum + w * means[j]!, 0), weights };
}

export function predictRidge(fit: RidgeFit, row: readonly number[]): number {
  return row.reduce((sum, value, j) => sum + value * fit.weights[j]!, fit.intercept);
}
