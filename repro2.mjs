import { NeuralNetwork } from 'neural-wasm';
const model = (await NeuralNetwork.create({ layers: [784, 128, 10], activation: ['relu', 'softmax'], seed: 1 })).toJSON();
const row = new Float64Array(784).fill(0.5);
const t = performance.now();
for (let i = 0; i < 10000; i++) {
  const net = await NeuralNetwork.fromJSON(model);
  net.predict(row);
  if (i % 1000 === 999) console.log(i + 1, (await NeuralNetwork.memoryBytes()) / 2 ** 20, 'MiB', Math.round(process.memoryUsage().rss / 2 ** 20), 'MiB rss', Math.round(performance.now() - t), 'ms');
}
