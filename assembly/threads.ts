// Deterministic threads for the dense products (WASM-only: the threads build, whose memory is
// shared with workers that run assembly/thread-worker.ts over the same memory).
//
// A job big enough (a dense product, an optimizer step) is cut into blocks: of C's rows or columns,
// of the parameters. The calling thread and the workers claim blocks from one shared counter until
// none is left. Each element of C is still summed by one thread, in simd.ts's order, and each parameter
// stepped by one, whoever claims its block: the result is the same bits for any number of threads,
// and the same as the single-threaded build's. No partial sums are ever reduced.

// (tsc checks assembly/ as portable TypeScript, which has no atomics: this file is WASM-only.)
// @ts-nocheck
import { gemm, optimizerRange, BLOCK_COLUMNS } from './simd';
import { real, REAL_SHIFT } from './real';

// The control block, 32-bit words at these byte offsets. CLAIM is the job's block count in its
// high 16 bits and the next block in its low 16: one atomic add claims a block and says, in the
// same word, whether the job it belongs to is still open (count 0 = closed). A claim that succeeds
// therefore always reads the fields of its own job, which stay until every block is done.
const GENERATION = 0; // bumped for each job: what idle workers wait on
const CLAIM = 4;
const DONE = 8; // blocks finished in the open job
// the job: its kind, the size of its blocks and how many items (rows, parameters) in all, then
// gemm's arguments, or an optimizer step's
const KIND = 16;
const BLOCK = 20;
const ITEMS = 24;
const SPINS = 28; // how long an idle worker spins before it sleeps (see setThreads)
const ARGS = 32;
const CONTROL_BYTES = ARGS + 12 * 8;
// gemm cut into blocks of C's rows or of its columns; other kinds are optimizers (codes.ts: SGD,
// MOMENTUM, ADAM)
const GEMM_ROWS: i32 = -1;
const GEMM_COLUMNS: i32 = -2;

// below this many multiply-adds (or parameters to step) a job runs on the calling thread: handing
// a job out and waiting for its last block costs microseconds, tens of thousands of multiply-adds
const PARALLEL_MIN_WORK = 131072;
const PARALLEL_MIN_PARAMS = 16384;

// the main module's control block, made at the first threadControl (not static data: the worker
// module, which compiles this file too, must write nothing into the memory it shares)
let control: usize = 0;
let threads = 1;

/** The control block's address, which the workers are given. */
export function threadControl(): usize {
  if (control == 0) {
    control = heap.alloc(CONTROL_BYTES);
    memory.fill(control, 0, CONTROL_BYTES);
  }
  return control;
}

/**
 * How many threads the next jobs use (the caller's included): 1 to 64; and how many times an idle
 * worker checks for a new job before it sleeps in the kernel. A batch's jobs come a fraction of a
 * millisecond apart and a wake from sleep costs tens of microseconds, so workers spin; but not
 * when there are more threads than cores, where a spinning worker takes the core another needs.
 */
export function setThreads(count: i32, spins: i32): void {
  if (control == 0) return;
  threads = max(1, min(count, 64));
  atomic.store<i32>(control + SPINS, spins);
}

/** gemm (simd.ts), shared by the threads in blocks of C's rows when it is big enough to pay. */
export function parallelGemm(
  pA: usize, aRow: usize, aCol: usize, pB: usize, bRow: usize, pC: usize, cRow: usize,
  m: i32, n: i32, k: i32, init: i32, pBias: usize,
): void {
  if (threads == 1 || <i64>m * n * k < PARALLEL_MIN_WORK) {
    gemm(pA, aRow, aCol, pB, bRow, pC, cRow, m, n, k, init, pBias);
    return;
  }
  const args = control + ARGS;
  store<u32>(args, pA);
  store<u32>(args, aRow, 4);
  store<u32>(args, aCol, 8);
  store<u32>(args, pB, 12);
  store<u32>(args, bRow, 16);
  store<u32>(args, pC, 20);
  store<u32>(args, cRow, 24);
  store<i32>(args, m, 28);
  store<i32>(args, n, 32);
  store<i32>(args, k, 36);
  store<i32>(args, init, 40);
  store<u32>(args, pBias, 44);
  // blocks of rows (a multiple of 6: simd.ts's register block) or of columns (a multiple of its
  // BLOCK_COLUMNS), whichever dimension has more of those units to share out: the columns for a
  // batch of 32 or 64 rows through 128 outputs, the rows for a weight gradient's 784 inputs
  if (m * BLOCK_COLUMNS >= n * 6) run(GEMM_ROWS, m, 6);
  else run(GEMM_COLUMNS, n, BLOCK_COLUMNS);
}

/** optimizerRange (simd.ts) over all n parameters, shared by the threads in blocks. */
export function parallelOptimizer(
  kind: i32, pW: usize, pG: usize, pM: usize, pV: usize, n: i32,
  lr: real, x1: real, x2: real, x3: real, x4: real, x5: real,
): void {
  if (threads == 1 || n < PARALLEL_MIN_PARAMS) {
    optimizerRange(kind, pW, pG, pM, pV, 0, n, lr, x1, x2, x3, x4, x5);
    return;
  }
  const args = control + ARGS;
  store<u32>(args, pW);
  store<u32>(args, pG, 4);
  store<u32>(args, pM, 8);
  store<u32>(args, pV, 12);
  store<real>(args, lr, 16);
  store<real>(args, x1, 24);
  store<real>(args, x2, 32);
  store<real>(args, x3, 40);
  store<real>(args, x4, 48);
  store<real>(args, x5, 56);
  run(kind, n, 8);
}

// Runs the job whose arguments are in place over `items` items, in blocks of a multiple of `unit`
// items, up to 4 a thread: a thread that the machine holds back leaves its blocks to the others.
function run(kind: i32, items: i32, unit: i32): void {
  const units = (items + unit - 1) / unit;
  const wanted = min(units, threads * 4);
  const size = ((units + wanted - 1) / wanted) * unit;
  const blocks = (items + size - 1) / size;
  store<i32>(control + KIND, kind);
  store<i32>(control + BLOCK, size);
  store<i32>(control + ITEMS, items);
  atomic.store<i32>(control + CLAIM, blocks << 16); // opens the job (after its fields)
  atomic.add<i32>(control + GENERATION, 1);
  atomic.notify(control + GENERATION, threads - 1);
  runBlocks(control);
  // the last blocks are in other threads' hands: spin (the main thread of a page may not sleep)
  while (atomic.load<i32>(control + DONE) < blocks) {}
  atomic.store<i32>(control + CLAIM, 0); // closed: late claims see count 0
  atomic.store<i32>(control + DONE, 0);
}

// Claims and runs blocks of the open job until none is left.
function runBlocks(control: usize): void {
  while (true) {
    const claim = atomic.add<i32>(control + CLAIM, 1);
    const block = claim & 0xffff;
    if (block >= claim >>> 16) return;
    const size = load<i32>(control + BLOCK);
    const first = block * size;
    const count = min(size, load<i32>(control + ITEMS) - first);
    const kind = load<i32>(control + KIND);
    const args = control + ARGS;
    if (kind == GEMM_ROWS) {
      const aRow = <usize>load<u32>(args, 4);
      const cRow = <usize>load<u32>(args, 24);
      gemm(
        <usize>load<u32>(args) + <usize>first * aRow, aRow, load<u32>(args, 8), load<u32>(args, 12), load<u32>(args, 16),
        <usize>load<u32>(args, 20) + <usize>first * cRow, cRow, count, load<i32>(args, 32), load<i32>(args, 36),
        load<i32>(args, 40), load<u32>(args, 44),
      );
    } else if (kind == GEMM_COLUMNS) {
      const column = <usize>first << REAL_SHIFT;
      gemm(
        load<u32>(args), load<u32>(args, 4), load<u32>(args, 8), <usize>load<u32>(args, 12) + column, load<u32>(args, 16),
        <usize>load<u32>(args, 20) + column, load<u32>(args, 24), load<i32>(args, 28), count, load<i32>(args, 36),
        load<i32>(args, 40), <usize>load<u32>(args, 44) + column,
      );
    } else {
      optimizerRange(
        kind, load<u32>(args), load<u32>(args, 4), load<u32>(args, 8), load<u32>(args, 12), first, first + count,
        load<real>(args, 16), load<real>(args, 24), load<real>(args, 32), load<real>(args, 40), load<real>(args, 48), load<real>(args, 56),
      );
    }
    atomic.add<i32>(control + DONE, 1);
  }
}

/** A worker's life: wait for a job, take its share; for the life of the page or process. */
export function workerLoop(control: usize): void {
  let seen = atomic.load<i32>(control + GENERATION);
  while (true) {
    let spins = 0;
    while (atomic.load<i32>(control + GENERATION) == seen) {
      if (++spins > atomic.load<i32>(control + SPINS)) {
        memory.atomic.wait32(control + GENERATION, seen, -1);
        spins = 0;
      }
    }
    seen = atomic.load<i32>(control + GENERATION);
    runBlocks(control);
  }
}
