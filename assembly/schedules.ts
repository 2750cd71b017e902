// Learning-rate schedules: the rate of each epoch. Step and exponential decay multiply, epoch by
// epoch, rather than raise to a power, so both builds give the same bits (Math.pow differs between
// them in the last bit); cosine annealing takes its cosine from a polynomial (cosPi), for the
// same reason, and because AssemblyScript's Math.cos would add a kilobyte to the gzipped core.
import { SCHEDULE_STEP, SCHEDULE_EXPONENTIAL, SCHEDULE_COSINE, SCHEDULE_PLATEAU } from './codes';
import { Watch } from './monitor';

export class Schedule {
  kind: i32; // codes.ts: SCHEDULE_*
  initial: f64;
  factor: f64;
  every: i32;
  floor: f64;
  rate: f64; // the rate of the coming epoch
  plateau: Watch | null;

  constructor(kind: i32, initial: f64, factor: f64, every: i32, floor: f64, plateau: Watch | null) {
    this.kind = kind;
    this.initial = initial;
    this.factor = factor;
    this.every = every;
    this.floor = floor;
    this.rate = initial;
    this.plateau = plateau;
  }

  /** The rate for epoch `epoch` (0-based, counted over the whole fit), called once per epoch in order. */
  rateFor(epoch: i32): f64 {
    const kind = this.kind;
    if (kind == SCHEDULE_STEP) {
      if (epoch > 0 && epoch % this.every == 0) this.rate *= this.factor;
    } else if (kind == SCHEDULE_EXPONENTIAL) {
      if (epoch > 0) this.rate *= this.factor;
    } else if (kind == SCHEDULE_COSINE) {
      const t = epoch < this.every ? epoch : this.every;
      this.rate = this.floor + (this.initial - this.floor) * (1.0 + cosPi(f64(t) / f64(this.every))) * 0.5;
    }
    return this.rate;
  }

  /** Reduce-on-plateau: the epoch's monitored metric; the rate drops after `every` epochs without improvement. */
  observe(value: f64, epoch: i32): void {
    const watch = this.plateau;
    if (this.kind != SCHEDULE_PLATEAU || watch === null) return;
    if (!watch.observe(value, epoch) && watch.wait >= this.every) {
      const reduced = this.rate * this.factor;
      this.rate = reduced > this.floor ? reduced : this.floor;
      watch.wait = 0;
    }
  }
}

/**
 * cos(pi * x) for x in [0, 1], within 2^-52 or so: -sin(y) for y = pi * (x - 1/2) in [-pi/2, pi/2],
 * from sin's Taylor series to y^23 (the next term is below 1e-20 there), in Horner form.
 */
export function cosPi(x: f64): f64 {
  const y = Math.PI * (x - 0.5);
  const y2 = y * y;
  // sin(y) = y (1 - y^2/(2*3) (1 - y^2/(4*5) (1 - ...))), from the innermost factor out
  let factor: f64 = 1;
  for (let k = 11; k >= 1; k--) factor = 1.0 - (y2 / f64(2 * k * (2 * k + 1))) * factor;
  return -(y * factor);
}
