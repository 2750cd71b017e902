// Axis ticks for both apps' plots (the CLI's SVG files, the playground's canvas).

export interface Range {
  low: number;
  high: number;
}

/** Round tick values (1, 2 or 5 times a power of ten apart) inside a range, about `count` of them. */
export function axisTicks({ low, high }: Range, count = 6): number[] {
  const rough = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const values: number[] = [];
  // toPrecision(12): the sum of steps drifts (0.30000000000000004); the tick is the round number
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) values.push(Number(v.toPrecision(12)));
  return values;
}
