// The Chromium the browser tests drive (vitest's browser mode, and playwright-core in the e2e tests):
// CHROMIUM_PATH, else the first executable at the usual Debian/Ubuntu/Chrome places. Never a
// downloaded browser. Without one, those tests are reported as skipped (test/not-run-runner.ts) and
// the run ends with a notice (below); with CHROMIUM_REQUIRED set (CI), a missing Chromium is an error.
import { accessSync, constants, statSync } from 'node:fs';
import { JsonReporter, type TestModule } from 'vitest/node';

export const CHROMIUM_PLACES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
];

const HOW_TO_ENABLE =
  'install it (Debian/Ubuntu: `apt-get install chromium`) or point CHROMIUM_PATH at a Chromium or Chrome executable';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The Chromium to launch, or undefined; throws when CHROMIUM_PATH names no executable file. */
export function findChromium(env = process.env): string | undefined {
  if (env.CHROMIUM_PATH) {
    if (isExecutableFile(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH is ${JSON.stringify(env.CHROMIUM_PATH)}, which is not an executable file`);
  }
  return CHROMIUM_PLACES.find(isExecutableFile);
}

/**
 * findChromium, for the test configuration: with CHROMIUM_REQUIRED set (CI does), no Chromium is an
 * error rather than a notice.
 */
export function chromiumForTests(env = process.env): string | undefined {
  const found = findChromium(env);
  if (!found && env.CHROMIUM_REQUIRED) {
    throw new Error(`CHROMIUM_REQUIRED is set, but no Chromium was found at ${CHROMIUM_PLACES.join(', ')}: ${HOW_TO_ENABLE}`);
  }
  return found;
}

/** playwright-core's launch options for the found Chromium (the e2e tests call this). */
export function chromiumLaunchOptions() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`no Chromium: ${HOW_TO_ENABLE}`);
  return {
    executablePath,
    headless: true,
    // no sandbox as root; no GPU; no background requests, which this machine's closed network refuses
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  };
}

/**
 * The end of a test run: the JSON report (.ci/run reads its counts), then, when the projects in
 * `notRun` ran with test/not-run-runner.ts for want of a Chromium, one notice of how many tests did not
 * run and how to run them. One reporter, so the notice comes last: vitest ends reporters together.
 */
export class ClosingReporter extends JsonReporter {
  constructor(outputFile: string, private readonly notRun: readonly string[]) {
    super({ outputFile });
  }

  override async onTestRunEnd(testModules: readonly TestModule[]) {
    await super.onTestRunEnd(testModules);
    let count = 0;
    const projects = new Set<string>();
    for (const module of testModules) {
      if (!this.notRun.includes(module.project.name)) continue;
      count += [...module.children.allTests()].length;
      projects.add(module.project.name);
    }
    if (count === 0) return;
    const tests = count === 1 ? '1 browser test' : `${count.toLocaleString('en-US')} browser tests`;
    this.ctx.logger.log(
      `\nNOTICE: ${tests} did not run (${[...projects].join(', ')}): no Chromium found ` +
        `(CHROMIUM_PATH is not set; looked at ${CHROMIUM_PLACES.join(', ')}).\n` +
        `The Node tests ran in full. To run the browser tests too, ${HOW_TO_ENABLE}.\n`,
    );
  }
}
