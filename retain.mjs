import { NeuralNetwork } from 'neural-wasm';
const model = (await NeuralNetwork.create({ layers: [784, 128, 10], activation: ['relu', 'softmax'], seed: 1 })).toJSON();
const row = new Float64Array(784).fill(0.5);
const refs = [];
for (let i = 0; i < 50; i++) {
  const net = await NeuralNetwork.fromJSON(model);
  net.predict(row);
  refs.push(new WeakRef(net));
}
await new Promise((r) => setTimeout(r, 10));
gc();
await new Promise((r) => setTimeout(r, 10));
console.log('alive after gc', refs.filter((r) => r.deref()).length, 'memory', (await NeuralNetwork.memoryBytes()) / 2**20);
