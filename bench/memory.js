// WASM memory of one dense-mnist-shape fit, in this fresh process: what the core holds before,
// after the network, during each epoch and after the fit, against the data set's own size, at a
// precision (argv: samples, 'f64' or 'f32').
import { NeuralNetwork } from 'neural-wasm';
import { mnistShapedData } from './data.js';

const samples = Number(process.argv[2] ?? 8192);
const precision = process.argv[3] ?? 'f64';
const bytes = precision === 'f32' ? 4 : 8;
const epochs = 4;
const { inputs, labels } = mnistShapedData(samples);
const MB = 2 ** 20;
const start = await NeuralNetwork.memoryBytes(precision);
const net = await NeuralNetwork.create({ layers: [784, 128, 10], activation: ['sigmoid', 'softmax'], loss: 'crossEntropy', seed: 1, precision });
const withNetwork = await NeuralNetwork.memoryBytes(precision);
const perEpoch = [];
net.fit({ data: inputs, shape: [samples, 784] }, { data: labels, shape: [samples, 10] }, {
  epochs, batchSize: 64, progressEvery: 1,
  onProgress: () => perEpoch.push(net.memoryBytes()),
});
const afterFirst = await NeuralNetwork.memoryBytes(precision);
net.fit({ data: inputs, shape: [samples, 784] }, { data: labels, shape: [samples, 10] }, { epochs: 1, batchSize: 64 });
const afterSecond = await NeuralNetwork.memoryBytes(precision);
console.log(JSON.stringify({
  samples,
  precision,
  dataSetMB: (samples * (784 + 10) * bytes) / MB,
  parametersMB: ((784 * 128 + 128 + 128 * 10 + 10) * bytes) / MB,
  startMB: start / MB,
  withNetworkMB: withNetwork / MB,
  perEpochMB: perEpoch.map((b) => b / MB),
  afterFitMB: afterFirst / MB,
  afterSecondFitMB: afterSecond / MB,
}));
