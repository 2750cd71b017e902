// A seeded data set of MNIST's shape: 784 values in [0, 1) per sample, one-hot labels of 10 classes.
// (Speed does not depend on what the pixels show; the `mnist` package is not needed to measure it.)
export function mnistShapedData(samples) {
  let state = 12345;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const inputs = new Float32Array(samples * 784).map(() => random());
  const labels = new Float32Array(samples * 10);
  for (let i = 0; i < samples; i++) labels[i * 10 + Math.floor(random() * 10)] = 1;
  return { samples, inputs, labels };
}
