// The runner of a test project that cannot run here (no Chromium): it collects the project's tests
// in Node, so they are counted and listed as skipped, and runs none of them, nor their hooks.
// vitest.config.ts uses it in place of the browser projects; test/chromium.ts's notice says why.
import { TestRunner, type RunnerTask, type RunnerTestFile } from 'vitest';

type Config = ConstructorParameters<typeof TestRunner>[0];

function skip(task: RunnerTask): void {
  task.mode = 'skip';
  if ('tasks' in task) task.tasks.forEach(skip);
}

export default class NotRunRunner extends TestRunner {
  constructor(config: Config) {
    // a name filter that matches no test: vitest marks them all skipped as it collects them, so
    // they are reported as skipped and no suite's beforeAll runs
    super({ ...config, testNamePattern: /^(?!)/ });
  }

  // and in case `vitest -t <pattern>` overrode that filter: nothing runs
  onBeforeRunFiles(files: RunnerTestFile[]): void {
    files.forEach(skip);
  }
}
