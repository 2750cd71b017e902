// The tutorial's XOR run: Model(2, 3, 1), sigmoid everywhere, MSE, online SGD, lr 0.1, 6000 epochs,
// weights from U[-1, 1). Prints the epoch losses as a curve and the four predictions.
// `node examples/xor.js --js` runs it on the pure-JS build; `--seed N` picks another seed.
import asciichart from 'asciichart';

const useJs = process.argv.includes('--js');
const seedArg = process.argv.indexOf('--seed');
const seed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : 9;
const { NeuralNetwork } = await import(useJs ? 'neural-wasm/js' : 'neural-wasm');

const inputs = [[1, 1], [0, 0], [0, 1], [1, 0]];
const targets = [0, 0, 1, 1];

const net = await NeuralNetwork.create({ layers: [2, 3, 1], activation: 'sigmoid', loss: 'mse', init: 'uniform', seed });
const started = performance.now();
const { loss, accuracy, epochs } = net.fit(inputs, targets, { learningRate: 0.1, epochs: 6000 });
const ms = performance.now() - started;

// one column per 100 epochs: the loss at the start of each stretch
const columns = 60;
const step = Math.ceil(epochs / columns);
const curve = Array.from({ length: Math.ceil(epochs / step) }, (_, i) => loss[i * step]);
console.log(`XOR, 2-3-1 sigmoid network, MSE, lr 0.1, ${epochs} epochs (${net.backend} core, seed ${seed})\n`);
console.log('MSE by epoch (one column per ' + step + ' epochs)');
console.log(asciichart.plot(curve, { height: 12, format: (v) => v.toFixed(3).padStart(7) }));
console.log(`${''.padStart(8)}0${String(epochs).padStart(curve.length)}\n`);
console.log(`first epoch loss ${loss[0].toFixed(4)}, last ${loss[epochs - 1].toFixed(4)}, accuracy ${accuracy[epochs - 1] * 100}%`);
console.log(`trained in ${ms.toFixed(1)} ms (${Math.round((epochs * inputs.length) / (ms / 1000)).toLocaleString('en-US')} sample updates/s)\n`);
const predictions = net.predict(inputs);
for (let i = 0; i < inputs.length; i++) {
  const p = predictions[i][0];
  console.log(`  ${inputs[i].join(' xor ')} = ${targets[i]}   predicted ${p.toFixed(4)} -> ${Math.round(p)}`);
}
net.dispose();
