// The apps' seeded generator (mulberry32) and shuffle, for what they draw outside the library (the
// tests' data, the playground's points): the library's own (src/split.ts), which also picks the
// CLI's and Model.train's held-out rows, so every app draws the same numbers.
export { mulberry32, shuffleInPlace } from '../src/split';
