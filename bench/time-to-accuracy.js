// time-to-accuracy: what a user waits for. MNIST digits from the `mnist` package (8,000 to train,
// 2,000 held out, a seeded shuffle), 784-128-10 relu/softmax, cross-entropy, He init, Adam at
// 1e-3, shuffled batches of 32, the held-out rows measured after every epoch; wall time from
// creating the network to the first epoch whose held-out accuracy reaches the target.
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';

const TRAIN = 8000;
const HELD_OUT = 2000;

// every digit of the package, shuffled with a seeded generator, as Float32 rows and one-hot labels
function mnistDigits() {
  const digits = createRequire(import.meta.url)('mnist');
  const rows = [];
  digits.forEach((digit, label) => {
    for (let at = 0; at + 784 <= digit.raw.length; at += 784) rows.push({ pixels: digit.raw.slice(at, at + 784), label });
  });
  let state = 20261128;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  const part = (from, n) => {
    const inputs = new Float32Array(n * 784);
    const labels = new Float32Array(n * 10);
    for (let r = 0; r < n; r++) {
      inputs.set(rows[from + r].pixels, r * 784);
      labels[r * 10 + rows[from + r].label] = 1;
    }
    return { inputs, labels, n };
  };
  if (rows.length < TRAIN + HELD_OUT) throw new Error(`the mnist package has ${rows.length} digits, fewer than ${TRAIN + HELD_OUT}`);
  return { train: part(0, TRAIN), heldOut: part(TRAIN, HELD_OUT) };
}

/** One task per contender (ours: [name, NeuralNetwork, threads, precision]); each run trains from a new network until `target` held-out accuracy (at most `maxEpochs`). */
export function timeToAccuracyTasks({ target, maxEpochs, ours, tfBackends, tfName, useTf }) {
  const { train, heldOut } = mnistDigits();
  const table = (part, key, width) => ({ data: Float64Array.from(part[key]), shape: [part.n, width] });
  const reached = (task, epochs, accuracy) => {
    task.note = accuracy >= target ? `${epochs} epochs, held-out accuracy ${(100 * accuracy).toFixed(1)}%` : `**did not reach ${100 * target}% in ${maxEpochs} epochs** (${(100 * accuracy).toFixed(1)}%)`;
  };
  const tasks = ours.map(([name, Network, threads, precision = 'f64']) => {
    const data = { inputs: table(train, 'inputs', 784), targets: table(train, 'labels', 10) };
    const validation = { inputs: table(heldOut, 'inputs', 784), targets: table(heldOut, 'labels', 10) };
    const task = {
      name,
      units: 1,
      run: async () => {
        const net = await Network.create({ layers: [784, 128, 10], activation: ['relu', 'softmax'], loss: 'crossEntropy', init: 'he', seed: 1, precision });
        let last = { epoch: 0, accuracy: 0 };
        net.fit(data.inputs, data.targets, {
          optimizer: 'adam', learningRate: 1e-3, batchSize: 32, shuffle: true, epochs: maxEpochs, validationData: validation, progressEvery: 1, threads,
          onProgress: ({ epoch, valAccuracy }) => {
            last = { epoch, accuracy: valAccuracy };
            return valAccuracy < target;
          },
        });
        net.dispose();
        reached(task, last.epoch, last.accuracy);
      },
    };
    return task;
  });
  for (const backend of tfBackends) {
    let xs, ys, vx, vy;
    const task = {
      name: tfName(backend),
      units: 1,
      beforeAll: async () => {
        await useTf(backend);
        [xs, ys, vx, vy] = [tf.tensor2d(train.inputs, [TRAIN, 784]), tf.tensor2d(train.labels, [TRAIN, 10]), tf.tensor2d(heldOut.inputs, [HELD_OUT, 784]), tf.tensor2d(heldOut.labels, [HELD_OUT, 10])];
      },
      run: async () => {
        const model = tf.sequential({
          layers: [
            tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heNormal', inputShape: [784] }),
            tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: 'heNormal' }),
          ],
        });
        model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
        let last = { epoch: 0, accuracy: 0 };
        await model.fit(xs, ys, {
          epochs: maxEpochs, batchSize: 32, shuffle: true, validationData: [vx, vy], verbose: 0,
          callbacks: {
            onEpochEnd: (epoch, logs) => {
              last = { epoch: epoch + 1, accuracy: logs.val_acc ?? logs.val_accuracy };
              if (last.accuracy >= target) model.stopTraining = true;
            },
          },
        });
        model.dispose();
        reached(task, last.epoch, last.accuracy);
      },
      afterAll: () => tf.dispose([xs, ys, vx, vy]),
    };
    tasks.push(task);
  }
  return tasks;
}
