// Property-based tests of the public API and the model file (fast-check): random valid and invalid
// options, shapes and values, on every build. Every call either succeeds, with a result of the
// promised shape, or throws a named error (TypeError, RangeError, InputShapeError, SyntaxError) that
// says what was expected; a rejected call changes nothing (the network's whole toJSON(), weights and
// generator state, is bit-identical afterwards), and a bystander network on the same core is never
// touched. Seeded and bounded here; for a soak run, `PROPERTY_RUNS=5000 npx vitest run
// test/properties.test.ts` (and PROPERTY_SEED=<n> for another seed).
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ModelJSON } from 'neural-wasm';
import { builds, JsNetwork, testRandom, weightBytes, XOR_INPUTS, XOR_TARGETS, type Network } from './builds';
import { Model, fitPreprocessing } from 'neural-wasm/model';
import { Float32RangeError, toONNX, toStandalone } from 'neural-wasm/export';
import { missingParts } from './errors';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261128);
const settings = { numRuns: RUNS, seed: SEED };
const TIMEOUT = Math.max(60_000, RUNS * 3_000);

type Net = Awaited<ReturnType<Network['create']>>;

const NAMED = ['TypeError', 'RangeError', 'InputShapeError', 'SyntaxError'];
// what a check written for the case says; never an engine's own words or a failure inside the core
const SAYS_WHAT = /must (be|have)|unknown .* (option|key)|needs .* values|does not parse|a batch of|would need/;
const NOT_OURS = /abort|assertion failed|unreachable|out of bounds|Cannot read|is not a function|is not iterable|Invalid (typed )?array length|call stack/i;

function expectNamedError(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  const { name, message } = error as Error;
  expect(NAMED, message).toContain(name);
  expect(message).toMatch(SAYS_WHAT);
  expect(message).not.toMatch(NOT_OURS);
}

/** Runs `call`; returns whether it succeeded, having checked that a failure is a named error. */
function outcome(call: () => unknown): boolean {
  try {
    call();
    return true;
  } catch (error) {
    expectNamedError(error);
    return false;
  }
}

async function asyncOutcome(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    expectNamedError(error);
    return false;
  }
}

// ---- arbitraries ----

const strange = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, -1, 0, 0.5, 1.5, 2 ** 31, 2 ** 32, 2 ** 53, -(2 ** 31), null, undefined, '', '1', true, [], {}),
  fc.anything({ maxDepth: 2 }),
);
/** Mostly `usual`, sometimes anything at all. */
const mostly = <T>(usual: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: usual }, { weight: 1, arbitrary: strange });

const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear', 'softmax'];
const name = (names: string[]) =>
  mostly(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom(...names.map((n) => n.toUpperCase()), 'gelu', 'none') }));
const layerSize = mostly(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -3, 2 ** 20 + 1, 1.5, 2 ** 12) }));
const layers = mostly(fc.array(layerSize, { minLength: 1, maxLength: 5 }));
/** Now and then, a key the options do not have. */
const unknownKeys = fc.oneof(
  { weight: 7, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('layer', 'activations', 'lr', 'epoch', 'foo', '__proto__', 'constructor'), strange, { minKeys: 1, maxKeys: 1 }) },
);

const createOptions = fc
  .tuple(
    fc.record(
      {
        layers,
        activation: fc.oneof(name(ACTIVATIONS), fc.array(name(ACTIVATIONS), { maxLength: 5 })),
        loss: name(['mse', 'binaryCrossEntropy', 'crossEntropy']),
        init: name(['uniform', 'xavier', 'he']),
        seed: mostly(fc.integer({ min: 0, max: 2 ** 40 })),
        dropout: mostly(fc.oneof(fc.double({ min: 0, max: 0.9, noNaN: true }), fc.array(fc.double({ min: 0, max: 0.9, noNaN: true }), { maxLength: 4 }))),
      },
      { requiredKeys: [] },
    ),
    unknownKeys,
  )
  .map(([options, extra]) => (extra ? { ...options, ...extra } : options));

const MONITORS = ['loss', 'accuracy', 'valLoss', 'valAccuracy'];
const positive = mostly(fc.double({ min: 1e-3, max: 1, noNaN: true }));
const schedule = fc.oneof(
  fc.record({ name: fc.constant('step'), initial: positive, factor: positive, every: mostly(fc.integer({ min: 1, max: 3 })) }, { requiredKeys: ['name'] }),
  fc.record({ name: fc.constant('exponential'), initial: positive, factor: positive }, { requiredKeys: ['name'] }),
  fc.record({ name: fc.constant('cosine'), initial: positive, floor: mostly(fc.double({ min: 0, max: 1e-3, noNaN: true })), period: mostly(fc.integer({ min: 1, max: 4 })) }, { requiredKeys: ['name'] }),
  fc.record(
    { name: name(['plateau', 'step']), initial: positive, factor: positive, patience: mostly(fc.integer({ min: 0, max: 2 })), floor: mostly(fc.constant(0)), monitor: name(MONITORS) },
    { requiredKeys: ['name'] },
  ),
);

const value = mostly(fc.double({ min: -4, max: 4, noNaN: true }));
const probability = mostly(fc.double({ min: 0, max: 1, noNaN: true }));
/** A data set of `rows` rows of about `width` columns: rows, a flat list, or { data, shape }, sometimes of the wrong shape. */
const dataSet = (rows: number, width: number, cell: fc.Arbitrary<unknown>) => {
  const w = fc.oneof({ weight: 5, arbitrary: fc.constant(width) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: width + 1 }) });
  const r = fc.oneof({ weight: 5, arbitrary: fc.constant(rows) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: rows + 1 }) });
  return mostly(
    fc.oneof(
      { weight: 4, arbitrary: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: rows, maxLength: rows }) },
      r.chain((n) => fc.array(w.chain((m) => fc.array(cell, { minLength: m, maxLength: m })), { minLength: n, maxLength: n })),
      fc.array(cell, { minLength: rows, maxLength: rows }),
      fc.tuple(r, w, fc.constantFrom('f64', 'f32', 'array'), fc.integer({ min: -1, max: 1 })).chain(([n, columns, kind, off]) => {
        const length = Math.max(0, n * columns + (off === 0 ? 0 : off));
        return fc.array(fc.double({ min: -4, max: 4 }), { minLength: length, maxLength: length }).map((values) => ({
          data: kind === 'f64' ? Float64Array.from(values) : kind === 'f32' ? Float32Array.from(values) : values,
          shape: [n, columns],
        }));
      }),
    ),
  );
};

/** A small valid network and the widths of its data. */
const smallNetwork = fc
  .record({
    inputs: fc.integer({ min: 1, max: 3 }),
    hidden: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }),
    outputs: fc.integer({ min: 1, max: 3 }),
    head: fc.constantFrom('sigmoid-mse', 'linear-mse', 'sigmoid-bce', 'softmax-ce'),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ inputs, hidden, outputs, head, seed }) => {
    const out = head === 'softmax-ce' ? Math.max(outputs, 2) : outputs;
    const [activation, loss] = { 'sigmoid-mse': ['sigmoid', 'mse'], 'linear-mse': ['linear', 'mse'], 'sigmoid-bce': ['sigmoid', 'binaryCrossEntropy'], 'softmax-ce': ['softmax', 'crossEntropy'] }[head];
    return {
      layers: [inputs, ...hidden, out],
      activation: [...hidden.map(() => 'tanh'), activation] as never,
      loss: loss as never,
      seed,
    };
  });

const fitOptions = fc
  .tuple(
    fc.record(
      {
        learningRate: fc.oneof({ weight: 3, arbitrary: mostly(fc.double({ min: 1e-4, max: 1, noNaN: true })) }, { weight: 1, arbitrary: schedule }),
        epochs: mostly(fc.integer({ min: 1, max: 4 })),
        batchSize: mostly(fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constant(2 ** 31 - 1))),
        validationSplit: mostly(fc.constantFrom(0, 0.25, 0.5)),
        clipNorm: mostly(fc.double({ min: 1e-3, max: 10, noNaN: true })),
        shuffle: mostly(fc.boolean()),
        optimizer: fc.oneof(
          name(['sgd', 'momentum', 'adam']),
          fc.record({ name: fc.constant('momentum'), momentum: probability }, { requiredKeys: ['name'] }),
          fc.record({ name: fc.constant('adam'), beta1: probability, beta2: probability, epsilon: probability }, { requiredKeys: ['name'] }),
          fc.record({ name: name(['sgd', 'momentum', 'adam']), momentum: probability, beta1: probability, beta2: probability, epsilon: probability }, { requiredKeys: [] }),
        ),
        l2: mostly(fc.double({ min: 0, max: 0.1, noNaN: true })),
        earlyStop: mostly(
          fc.record(
            {
              loss: mostly(fc.double({ min: 0, max: 1, noNaN: true })),
              accuracy: probability,
              patience: mostly(fc.integer({ min: 0, max: 2 })),
              monitor: name(MONITORS),
              minDelta: mostly(fc.double({ min: 0, max: 0.1, noNaN: true })),
              restoreBest: mostly(fc.boolean()),
            },
            { requiredKeys: [] },
          ),
        ),
        progressEvery: mostly(fc.integer({ min: 1, max: 3 })),
      },
      { requiredKeys: [] },
    ),
    unknownKeys,
  )
  .map(([options, extra]) => (extra ? { ...options, ...extra } : options));

// calls that must succeed, half the time, so the results of valid calls are checked as often as errors
const validFitOptions = fc.record(
  {
    epochs: fc.integer({ min: 1, max: 4 }),
    batchSize: fc.integer({ min: 1, max: 8 }),
    shuffle: fc.boolean(),
    optimizer: fc.constantFrom('sgd', 'momentum', 'adam'),
    l2: fc.double({ min: 0, max: 0.1, noNaN: true }),
    learningRate: fc.oneof(fc.double({ min: 1e-4, max: 1, noNaN: true }), fc.constant({ name: 'cosine', initial: 0.1 })),
    clipNorm: fc.double({ min: 1e-3, max: 10, noNaN: true }),
    earlyStop: fc.record({ patience: fc.integer({ min: 0, max: 2 }), monitor: fc.constantFrom('loss', 'accuracy') }),
  },
  { requiredKeys: [] },
);
const validData = (rows: number, width: number, low: number) =>
  fc.array(fc.array(fc.double({ min: low, max: 1, noNaN: true }), { minLength: width, maxLength: width }), { minLength: rows, maxLength: rows });

type Spec = typeof smallNetwork extends fc.Arbitrary<infer S> ? S : never;
type FitCase = [spec: Spec, inputs: unknown, targets: unknown, options: unknown, valid: boolean];
const fitCase = fc.tuple(smallNetwork, fc.integer({ min: 1, max: 6 }), fc.boolean()).chain(([spec, rows, valid]): fc.Arbitrary<FitCase> => {
  const probabilities = spec.loss !== 'mse';
  if (valid) {
    return fc.tuple(fc.constant(spec), validData(rows, spec.layers[0], -1), validData(rows, spec.layers.at(-1)!, probabilities ? 0 : -1), validFitOptions, fc.constant(true));
  }
  const cell = probabilities ? probability : value;
  const someRows = fc.oneof({ weight: 6, arbitrary: fc.constant(rows) }, { weight: 1, arbitrary: fc.constant(0) });
  return someRows.chain((n) => fc.tuple(fc.constant(spec), dataSet(n, spec.layers[0], value), dataSet(n, spec.layers.at(-1)!, cell), fitOptions, fc.constant(false)));
});

// ---- properties ----

/** The network's whole state, for "nothing changed". */
const state = (net: Net) => JSON.stringify(net.toJSON());

describe.each(builds)('%s build: random calls', (_, NeuralNetwork) => {
  let bystander: Net;
  let bystanderState: string;

  beforeAll(async () => {
    bystander = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 9 });
    bystander.fit(XOR_INPUTS, XOR_TARGETS, { epochs: 100 });
    bystanderState = state(bystander);
  });
  const bystanderIntact = () => {
    expect(state(bystander)).toBe(bystanderState);
    expect(bystander.predict([0, 1])).toHaveLength(1);
  };

  it('create: a network with the options given, or a named error', async () => {
    await fc.assert(
      fc.asyncProperty(createOptions, async (options) => {
        let net: Net | undefined;
        const ok = await asyncOutcome(async () => (net = await NeuralNetwork.create(options as never)));
        if (ok) {
          expect(net!.layers).toEqual((options as { layers: number[] }).layers);
          expect(net!.predict(new Float64Array(net!.inputSize))).toHaveLength(net!.outputSize);
          net!.dispose();
        }
        bystanderIntact();
      }),
      settings,
    );
  }, TIMEOUT);

  it('fit, evaluate and predict: results of the promised shape, or a named error and no change', async () => {
    await fc.assert(
      fc.asyncProperty(fitCase, async ([spec, inputs, targets, options, valid]) => {
          const net = await NeuralNetwork.create(spec);
          const before = state(net);
          let result: ReturnType<Net['fit']> | undefined;
          const fitted = outcome(() => (result = net.fit(inputs as never, targets as never, options as never)));
          if (valid) expect(fitted).toBe(true);
          if (fitted) {
            const epochs = (options as { epochs?: number }).epochs ?? 1;
            expect(result!.epochs).toBeLessThanOrEqual(epochs);
            expect(result!.loss).toHaveLength(result!.epochs);
            expect(['completed', 'earlyStop', 'noImprovement', 'diverged']).toContain(result!.stopReason);
            expect(result!.learningRate).toHaveLength(result!.epochs);
          } else {
            expect(state(net)).toBe(before);
          }
          const trained = state(net);
          let evaluation: ReturnType<Net['evaluate']> | undefined;
          if (outcome(() => (evaluation = net.evaluate(inputs as never, targets as never)))) {
            expect(evaluation!.accuracy).toBeGreaterThanOrEqual(0);
            expect(evaluation!.accuracy).toBeLessThanOrEqual(1);
          } else {
            expect(valid).toBe(false);
          }
          let predictions: Float64Array[] | Float64Array | undefined;
          if (outcome(() => (predictions = net.predict(inputs as never)))) {
            const rows = Array.isArray(predictions) ? predictions : [predictions!];
            expect(rows.every((row) => row.length === net.outputSize)).toBe(true);
            if (valid) expect(rows).toHaveLength((inputs as unknown[]).length);
          } else {
            expect(valid).toBe(false);
          }
          expect(state(net)).toBe(trained); // evaluate and predict never change a network
          net.dispose();
          bystanderIntact();
        }),
      settings,
    );
  }, TIMEOUT);

  it('setWeights: the weights given, or a named error and no change', async () => {
    const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 3 });
    const weightsLike = fc.record(
      {
        weights: mostly(fc.array(mostly(fc.oneof(fc.array(value, { minLength: 5, maxLength: 7 }), fc.array(fc.array(value, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }), fc.array(value, { minLength: 3, maxLength: 3 }))), { minLength: 1, maxLength: 3 })),
        biases: mostly(fc.array(mostly(fc.array(value, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 })),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.tuple(weightsLike, unknownKeys), async ([weights, extra]) => {
        const before = state(net);
        const given = extra ? { ...weights, ...extra } : weights;
        if (outcome(() => net.setWeights(given as never))) {
          const flat = (w: unknown): number[] => (Array.isArray(w) || ArrayBuffer.isView(w) ? Array.from(w as ArrayLike<unknown>).flatMap(flat) : [w as number]);
          const got = net.getWeights();
          expect(flat([...got.weights, ...got.biases]).map((x) => x + 0)).toEqual(flat([...(given.weights as []), ...(given.biases as [])]).map((x) => x + 0));
        } else {
          expect(state(net)).toBe(before);
        }
        bystanderIntact();
      }),
      settings,
    );
  }, TIMEOUT);

  it('fromJSON: a model file with random edits loads as written, or is a named error', async () => {
    const source = await NeuralNetwork.create({ layers: [2, 3, 2], activation: ['relu', 'softmax'], loss: 'crossEntropy', seed: 5 });
    const model = source.toJSON();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.oneof(strange, value, fc.constant(DELETE))), { minLength: 1, maxLength: 3 }), fc.boolean(), async (edits, asText) => {
        const edited = edit(model, edits);
        let net: Net | undefined;
        const text = asText ? safeStringify(edited) : undefined;
        const ok = await asyncOutcome(async () => (net = await NeuralNetwork.fromJSON((text ?? edited) as never)));
        if (ok) {
          // what loaded is what was written: its own toJSON loads back to the same state
          const again = await NeuralNetwork.fromJSON(net!.toJSON());
          expect(state(again)).toBe(state(net!));
          expect(net!.layers).toEqual((edited as ModelJSON).layers);
          again.dispose();
          net!.dispose();
        }
        bystanderIntact();
      }),
      settings,
    );
  }, TIMEOUT);

  it('sizes near the limits, every combination: a fit trains, or is a RangeError before anything changes', async () => {
    // networks of up to 3 million parameters (a layer of 2^20 units); a fit on 130 rows of one is
    // past the largest core array (130 x 2^20 values) unless its batches are small, and online SGD
    // over it would take seconds, so that one is left out (test/memory.test.ts has the exact edges)
    for (const width of [2 ** 10, 2 ** 20]) {
      for (const depth of [1, 2]) {
        for (const rows of [1, 130]) {
          for (const batchSize of [1, 130, 2 ** 31 - 1]) {
            const refused = Math.min(rows, batchSize) * width > 134217720;
            if (!refused && rows * width > 2 ** 17) continue;
            const layers = [1, ...new Array(depth).fill(width), 1];
            let net: Net | undefined;
            if (!(await asyncOutcome(async () => (net = await NeuralNetwork.create({ layers, activation: 'relu', seed: 1 }))))) continue;
            // the weights' bytes (toJSON of 3 million numbers would take longer than the fit)
            const before = Buffer.from(weightBytes(net!));
            const inputs = { data: new Float64Array(rows).fill(0.5), shape: [rows, 1] as [number, number] };
            const trained = outcome(() => net!.fit(inputs, new Float64Array(rows).fill(0.25), { batchSize, epochs: 1 }));
            expect(trained).toBe(!refused);
            if (!trained) expect(before.equals(weightBytes(net!))).toBe(true);
            net!.dispose();
            bystanderIntact();
          }
        }
      }
    }
  }, TIMEOUT);

  it('fitAsync: the same outcome as fit, or a named error and no change', async () => {
    await fc.assert(
      fc.asyncProperty(fitOptions, async (options) => {
        const net = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 4 });
        const twin = await NeuralNetwork.create({ layers: [2, 3, 1], seed: 4 });
        const before = state(net);
        let fitOk = true;
        let expected: string | undefined;
        try {
          twin.fit(XOR_INPUTS, XOR_TARGETS, options as never);
          expected = state(twin);
        } catch {
          fitOk = false;
        }
        const ok = await asyncOutcome(() => net.fitAsync(XOR_INPUTS, XOR_TARGETS, options as never));
        expect(ok).toBe(fitOk);
        expect(state(net)).toBe(ok ? expected : before);
        net.dispose();
        twin.dispose();
        bystanderIntact();
      }),
      { ...settings, numRuns: Math.ceil(RUNS / 4) },
    );
  }, TIMEOUT);
});

describe('exports and raw rows (issue #21)', () => {
  const activation = fc.constantFrom('sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear');
  // a small network: 1 to 3 weight layers, some wider than 16 outputs (the core's wide path)
  const networkSpec = fc.record({
    widths: fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 2, maxLength: 4 }),
    activations: fc.array(activation, { minLength: 3, maxLength: 3 }),
    softmax: fc.boolean(),
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
  });
  const load = async (source: string) => import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);

  it('rows by column name: any names at all (length, __proto__, constructor, numerals, empty) give what rows in order give, in a Model and its standalone module', async () => {
    const names = fc.uniqueArray(fc.oneof(fc.string(), fc.constantFrom('length', '__proto__', 'constructor', 'toString', '0', '1', 'hasOwnProperty')), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(names, fc.integer({ min: 0, max: 1000 }), async (columns, seed) => {
        const values = Array.from({ length: 12 }, (_, r) => columns.map((_, c) => Math.sin(seed + r * 7 + c * 3) * 5));
        const answers = values.map((row, r) => (row[0] > 0 || r === 0 ? 'yes' : 'no'));
        answers[1] = 'no';
        // own properties, as JSON.parse makes them
        const rows = values.map((row) => JSON.parse(JSON.stringify(Object.fromEntries(columns.map((name, c) => [name, row[c]])))));
        const preprocessing = fitPreprocessing(values, answers, { columns });
        const net = await JsNetwork.create({ layers: [columns.length, 3, 1], seed });
        const model = new Model(net, preprocessing);
        const module = await load(toStandalone(model));
        for (let r = 0; r < rows.length; r++) {
          const inOrder = model.predict(values[r]);
          expect(model.predict(rows[r])).toEqual(inOrder);
          expect(module.predict(rows[r])).toEqual(inOrder);
        }
        // and fitPreprocessing reads the columns an object row names
        expect(fitPreprocessing(rows, answers).inputs.columns.sort()).toEqual([...columns].sort());
        net.dispose();
      }),
      { ...settings, numRuns: Math.min(RUNS, 40) },
    );
  }, TIMEOUT);

  it('the standalone module of an f32 network predicts what the js f32 core predicts, bit for bit', async () => {
    await fc.assert(
      fc.asyncProperty(networkSpec, async ({ widths, activations, softmax, seed }) => {
        const layers = softmax && widths.at(-1)! < 2 ? [...widths.slice(0, -1), 2] : widths;
        const activation = layers.slice(1).map((_, l) => (softmax && l === layers.length - 2 ? 'softmax' : activations[l]));
        const net = await JsNetwork.create({ layers, activation: activation as never, seed, precision: 'f32' });
        const module = await load(toStandalone(net));
        const random = testRandom(seed);
        for (let r = 0; r < 10; r++) {
          const row = Array.from({ length: layers[0] }, () => (random() - 0.5) * 8);
          expect(module.predict(row)).toEqual(net.predict(row));
        }
        net.dispose();
      }),
      { ...settings, numRuns: Math.min(RUNS, 60) },
    );
  }, TIMEOUT);

  it('a float32 ONNX export either holds every weight as a finite float32, or is a Float32RangeError naming the first that is not', async () => {
    const weight = fc.oneof({ weight: 8, arbitrary: fc.double({ min: -4, max: 4, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(3.4e38, 3.5e38, -1e39, 1e300, -Number.MAX_VALUE) });
    await fc.assert(
      fc.asyncProperty(fc.array(weight, { minLength: 13, maxLength: 13 }), async (params) => {
        const net = await JsNetwork.create({ layers: [2, 3, 1], seed: 1 });
        net.setWeights({ weights: [params.slice(0, 6), params.slice(9, 12)], biases: [params.slice(6, 9), params.slice(12)] });
        const first = [...params.slice(0, 6), ...params.slice(6, 9), ...params.slice(9, 12), ...params.slice(12)].find((w) => !Number.isFinite(Math.fround(w)));
        try {
          expect(toONNX(net)).toBeInstanceOf(Uint8Array);
          expect(first).toBeUndefined();
        } catch (error) {
          if (first === undefined) throw error;
          expect(error).toBeInstanceOf(Float32RangeError);
          expect(missingParts((error as Error).message, [String(first), "float32's range"]), (error as Error).message).toEqual([]);
        }
        // float64 holds any of them
        expect(toONNX(net, { precision: 'float64' })).toBeInstanceOf(Uint8Array);
        net.dispose();
      }),
      settings,
    );
  }, TIMEOUT);
});

// ---- model edits ----

const DELETE = Symbol('delete');

/** Every place in a JSON tree: [parent, key]. */
function places(root: unknown): [Record<string | number, unknown>, string | number][] {
  const found: [Record<string | number, unknown>, string | number][] = [];
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const key of Object.keys(node)) {
      const k = Array.isArray(node) ? Number(key) : key;
      found.push([node as Record<string | number, unknown>, k]);
      walk((node as Record<string, unknown>)[key]);
    }
  };
  walk(root);
  return found;
}

/** A copy of the model with each edit (a place by number, and a new value or a deletion) made. */
function edit(model: ModelJSON, edits: [number, unknown][]): unknown {
  const copy = structuredClone(model);
  for (const [at, replacement] of edits) {
    const all = places(copy);
    const [parent, key] = all[at % all.length];
    if (replacement !== DELETE) parent[key] = replacement;
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  }
  return copy;
}

/** JSON text of a value that may not be JSON (undefined, BigInt): what a file could hold. */
function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return '{"format":';
  }
}
