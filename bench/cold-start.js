// One cold start, in this fresh process: import the library, instantiate it, create a 784-128-10
// network. Prints the milliseconds it took (Node's own start-up is not counted).
const started = performance.now();
const which = process.argv[2];

if (which.startsWith('neural-wasm')) {
  const { NeuralNetwork } = await import(which);
  await NeuralNetwork.create({ layers: [784, 128, 10], activation: ['sigmoid', 'softmax'], loss: 'crossEntropy', seed: 1 });
} else if (which === 'brain.js') {
  const { default: brain } = await import('brain.js');
  const net = new brain.NeuralNetwork({ hiddenLayers: [128] });
  net.sizes = [784, 128, 10];
  net.initialize();
} else if (which.startsWith('tfjs-')) {
  const backend = which.slice('tfjs-'.length);
  const tf = await import('@tensorflow/tfjs');
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend(backend);
  await tf.ready();
  tf.sequential({
    layers: [
      tf.layers.dense({ units: 128, activation: 'sigmoid', inputShape: [784] }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
} else {
  throw new Error(`unknown contender ${which}`);
}
process.stdout.write(`${performance.now() - started}\n`);
