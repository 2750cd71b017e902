// --out (and the --plot files) never destroy what they should not: an input of the same command
// (by real path: through a symlink or a hard link too), or a file that is not a regular one (a FIFO,
// a socket, a folder). Refused before any work, as a bad command line (exit 2). A symlink is written
// through: the link stays, its target gets the new file.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { chmodSync, closeSync, existsSync, lchownSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, expectRefusal, refuses, run, tempFolder, writeFile, readJson, classesCsv, trainedModel } from './run';
import type { Part } from '../errors';

let folder: string;
let data: string;
let model: string;
const csv = classesCsv(30, 2);

beforeAll(async () => {
  ({ folder, data, model } = await trainedModel(csv));
});

// Refused as a bad command line (exit 2), the message naming each part (test/errors.ts).
const refused = (args: string[], parts: Part[]) => refuses(args, 2, parts);

const noTemporaryFiles = (dir: string) => expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

describe.concurrent('--out never overwrites an input', () => {
  it('train: the data file, by its own name, through a symlink, or a hard link', async () => {
    const link = join(folder, 'link.csv');
    symlinkSync('data.csv', link);
    const hard = join(folder, 'hard.csv');
    linkSync(data, hard);
    await refused(['train', data, '--out', data], ['--out', data, 'overwrite', 'data to train on', data]);
    await refused(['train', data, '--out', link], ['--out', link, 'overwrite', 'data to train on', data]);
    await refused(['train', link, '--out', hard], ['--out', hard, 'overwrite', 'data to train on', link]);
    expect(readFileSync(data, 'utf8')).toBe(csv);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('predict: the model, or the rows to predict', async () => {
    const before = readFileSync(model, 'utf8');
    await refused(['predict', '--model', model, data, '--out', model], ['--out', model, 'overwrite', '--model', model]);
    await refused(['predict', '--model', model, data, '--out', data], ['--out', data, 'overwrite', 'rows to predict', data]);
    expect(readFileSync(model, 'utf8')).toBe(before);
    expect(readFileSync(data, 'utf8')).toBe(csv);
  });

  // `train - --out /dev/stdin < data.csv`: the file behind standard input is an input too
  it.skipIf(!existsSync('/dev/stdin'))('train - and predict -: the file behind standard input, as /dev/stdin or a hard link to it, is refused and left as it was', () => {
    const own = tempFolder();
    const rows = writeFile(own, 'rows.csv', csv);
    const hard = join(own, 'hard.csv');
    linkSync(rows, hard);
    for (const out of ['/dev/stdin', hard]) {
      for (const args of [['train', '-', '--epochs', '1', '--out', out], ['predict', '--model', model, '-', '--out', out]]) {
        const input = openSync(rows, 'r');
        try {
          const result = spawnSync(process.execPath, [BIN, ...args], { stdio: [input, 'pipe', 'pipe'], encoding: 'utf8' });
          expectRefusal({ code: result.status ?? -1, signal: null, stdout: result.stdout, stderr: result.stderr }, 2, ['--out', out, 'overwrite', 'standard input']);
        } finally {
          closeSync(input);
        }
        expect(readFileSync(rows, 'utf8')).toBe(csv);
      }
    }
  });

  it('the model file and a plot file are not the same file', async () => {
    const plots = join(tempFolder(), 'plots');
    mkdirSync(plots);
    const losses = join(plots, 'losses.svg');
    await refused(['train', data, '--out', losses, '--plot', plots], ['--plot', losses, '--out', losses]);
  });
});

describe.concurrent('--out writes regular files only, through symlinks', () => {
  it('a FIFO, a socket or a folder is refused and left as it is', async () => {
    const own = tempFolder();
    const fifo = join(own, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await refused(['train', data, '--out', fifo], ['--out', fifo, 'pipe', 'regular file']);
    await refused(['predict', '--model', model, data, '--out', fifo], ['--out', fifo, 'pipe', 'regular file']);
    await refused(['train', data, '--plot', fifo], ['--plot', fifo, 'pipe', 'folder']);
    expect(statSync(fifo).isFIFO()).toBe(true);
    const socket = join(own, 'socket');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      await refused(['train', data, '--out', socket], ['--out', socket, 'socket', 'regular file']);
      expect(statSync(socket).isSocket()).toBe(true);
    } finally {
      server.close();
    }
    await refused(['train', data, '--out', own], ['--out', own, 'folder', 'regular file']);
    noTemporaryFiles(own);
  });

  // what the link leads to (a pipe, a socket) is no file in a folder, and none can be renamed over
  // it: said as that, not as "no such file"
  it.skipIf(!existsSync('/proc/self/fd'))('/proc/self/fd/1 and /dev/stdout: refused as what standard output is, a socket or a pipe', async () => {
    for (const out of ['/proc/self/fd/1', '/dev/stdout']) {
      // the tests read standard output through a socket pair (Node's stdio 'pipe')
      await refused(['train', data, '--out', out], ['--out', out, 'socket', 'regular file']);
      await refused(['predict', '--model', model, data, '--out', out], ['--out', out, 'socket', 'regular file']);
      // a shell's | is a pipe
      const bin = fileURLToPath(new URL('../../bin/neural-wasm.js', import.meta.url));
      const script = '{ "$0" "$1" train "$2" --out "$3"; echo "exit $?" >&2; } | cat';
      const piped = spawnSync('sh', ['-c', script, process.execPath, bin, data, out], { encoding: 'utf8' });
      expect(piped.stderr).toMatch(/\nexit 2\n$/);
      const refusal = { code: 2, signal: null, stdout: piped.stdout, stderr: piped.stderr.replace(/exit 2\n$/, '') };
      expectRefusal(refusal, 2, ['--out', out, 'pipe', 'regular file']);
    }
  });

  // (making another user's link needs root, as CI and this project's machines run: elsewhere skipped, by this name)
  it.skipIf(process.getuid?.() !== 0)("another user's symlink in a folder anyone may write to (sticky, as /tmp): not followed, its target left as it was (needs root to make the link)", async () => {
    const shared = join(tempFolder(), 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    const precious = writeFile(tempFolder(), 'precious.txt', 'the victim file');
    const link = join(shared, 'model.json');
    symlinkSync(precious, link);
    lchownSync(link, 65534, 65534); // nobody's
    await refuses(['train', 'moons', '--epochs', '1', '--quiet', '--out', link], 2, ['--out', link, 'symbolic link', 'another user', 'sticky']);
    expect(readFileSync(precious, 'utf8')).toBe('the victim file');
    // one's own link there is followed as ever
    lchownSync(link, 0, 0);
    expect((await run(['train', 'moons', '--epochs', '1', '--quiet', '--out', link])).code).toBe(0);
    expect(readJson(precious).format).toBe('neural-wasm-model');
  });

  it('a symlink stays a symlink and its target gets the new model; a dangling one gets its target made', async () => {
    const own = tempFolder();
    const models = join(own, 'models');
    mkdirSync(models);
    const target = writeFile(models, 'current.json', 'the previous model');
    const link = join(own, 'model.json');
    symlinkSync(join('models', 'current.json'), link);
    const trained = await run(['train', data, '--epochs', '3', '--quiet', '--out', link]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('models', 'current.json'));
    expect(readJson(target).format).toBe('neural-wasm-model');
    const dangling = join(own, 'next.json');
    symlinkSync(join(models, 'next.json'), dangling);
    const predicted = await run(['predict', '--model', link, data, '--out', dangling]);
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(models, 'next.json'), 'utf8').split('\n')[0]).toBe('colour,p_no,p_yes');
    noTemporaryFiles(own);
    noTemporaryFiles(models);
  });
});
