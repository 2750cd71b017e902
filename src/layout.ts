// The parameter layout the core uses (assembly/network.ts): W0 (in x out, row-major), b0, W1, b1, ...
export interface LayerSpan {
  w: number; // start of the layer's weights
  b: number; // start of its biases (= end of its weights)
  end: number;
  inSize: number;
  outSize: number;
}

export function paramLayout(layers: readonly number[]): LayerSpan[] {
  const spans: LayerSpan[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const inSize = layers[l];
    const outSize = layers[l + 1];
    const w = offset;
    const b = w + inSize * outSize;
    offset = b + outSize;
    spans.push({ w, b, end: offset, inSize, outSize });
  }
  return spans;
}
