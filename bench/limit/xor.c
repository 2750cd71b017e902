/* The limit for xor-tutorial in native code: bench/limit/xor.ts's loop (the tutorial's 2-3-1
   online SGD written out for this one shape) in C, built with the machine's gcc -O2. A reference
   row for the benchmark, not part of the library. Usage: xor-limit EPOCHS; prints the training
   time in milliseconds (the loop alone, after one warm-up run) and the final loss. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const double X[8] = {1, 1, 0, 0, 0, 1, 1, 0};
static const double Y[4] = {0, 0, 1, 1};
static double P[13]; /* W1 [2][3] at 0..5, b1 at 6..8, W2 [3][1] at 9..11, b2 at 12 */

static inline double sigmoid(double z) { return 1.0 / (1.0 + exp(-z)); }

static double train(int epochs, double lr) {
  double loss = 0;
  for (int e = 0; e < epochs; e++) {
    loss = 0;
    for (int s = 0; s < 4; s++) {
      const double x0 = X[2 * s], x1 = X[2 * s + 1], y = Y[s];
      const double h0 = sigmoid(x0 * P[0] + x1 * P[3] + P[6]);
      const double h1 = sigmoid(x0 * P[1] + x1 * P[4] + P[7]);
      const double h2 = sigmoid(x0 * P[2] + x1 * P[5] + P[8]);
      const double o = sigmoid(h0 * P[9] + h1 * P[10] + h2 * P[11] + P[12]);
      loss += (y - o) * (y - o);
      const double d = -2.0 * (y - o) * o * (1 - o);
      const double d0 = d * P[9] * h0 * (1 - h0);
      const double d1 = d * P[10] * h1 * (1 - h1);
      const double d2 = d * P[11] * h2 * (1 - h2);
      P[9] -= lr * h0 * d; P[10] -= lr * h1 * d; P[11] -= lr * h2 * d; P[12] -= lr * d;
      P[0] -= lr * x0 * d0; P[1] -= lr * x0 * d1; P[2] -= lr * x0 * d2;
      P[3] -= lr * x1 * d0; P[4] -= lr * x1 * d1; P[5] -= lr * x1 * d2;
      P[6] -= lr * d0; P[7] -= lr * d1; P[8] -= lr * d2;
    }
  }
  return loss / 4;
}

static void start(void) {
  for (int i = 0; i < 13; i++) P[i] = sin(i + 1); /* as the WASM limit row: weights in [-1, 1] */
}

int main(int argc, char **argv) {
  const int epochs = argc > 1 ? atoi(argv[1]) : 6000;
  start();
  train(epochs, 0.1); /* warm-up: caches, frequency */
  start();
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  const double loss = train(epochs, 0.1);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("%.17g\n%.6f\n", loss, (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
  return 0;
}
