// The limit for xor-tutorial: the tutorial's 2-3-1 online-SGD loop written out by hand for this one
// shape (every value in a local, nothing general), compiled with the same asc. A reference row
// for the benchmark, not part of the library.
const X: StaticArray<f64> = [1, 1, 0, 0, 0, 1, 1, 0];
const Y: StaticArray<f64> = [0, 0, 1, 1];
const P = new StaticArray<f64>(13); // W1 [2][3] at 0..5, b1 at 6..8, W2 [3][1] at 9..11, b2 at 12

// @ts-ignore: decorator
@inline function sigmoid(z: f64): f64 {
  return 1.0 / (1.0 + Math.exp(-z));
}

export function setParam(i: i32, value: f64): void {
  P[i] = value;
}

export function train(epochs: i32, lr: f64): f64 {
  let loss: f64 = 0;
  for (let e = 0; e < epochs; e++) {
    loss = 0;
    for (let s = 0; s < 4; s++) {
      const x0 = unchecked(X[2 * s]);
      const x1 = unchecked(X[2 * s + 1]);
      const y = unchecked(Y[s]);
      const h0 = sigmoid(x0 * unchecked(P[0]) + x1 * unchecked(P[3]) + unchecked(P[6]));
      const h1 = sigmoid(x0 * unchecked(P[1]) + x1 * unchecked(P[4]) + unchecked(P[7]));
      const h2 = sigmoid(x0 * unchecked(P[2]) + x1 * unchecked(P[5]) + unchecked(P[8]));
      const o = sigmoid(h0 * unchecked(P[9]) + h1 * unchecked(P[10]) + h2 * unchecked(P[11]) + unchecked(P[12]));
      loss += (y - o) * (y - o);
      const d = -2.0 * (y - o) * o * (1 - o);
      const d0 = d * unchecked(P[9]) * h0 * (1 - h0);
      const d1 = d * unchecked(P[10]) * h1 * (1 - h1);
      const d2 = d * unchecked(P[11]) * h2 * (1 - h2);
      unchecked((P[9] -= lr * h0 * d));
      unchecked((P[10] -= lr * h1 * d));
      unchecked((P[11] -= lr * h2 * d));
      unchecked((P[12] -= lr * d));
      unchecked((P[0] -= lr * x0 * d0));
      unchecked((P[1] -= lr * x0 * d1));
      unchecked((P[2] -= lr * x0 * d2));
      unchecked((P[3] -= lr * x1 * d0));
      unchecked((P[4] -= lr * x1 * d1));
      unchecked((P[5] -= lr * x1 * d2));
      unchecked((P[6] -= lr * d0));
      unchecked((P[7] -= lr * d1));
      unchecked((P[8] -= lr * d2));
    }
  }
  return loss / 4;
}
