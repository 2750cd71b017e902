// The temporary files of outputs being written are removed however the process ends: on an error (by
// their writer), at exit, and on any signal that would end it (ENDING_SIGNALS), after which the
// process ends by that signal, as it would have without a handler.
import { rmSync } from 'node:fs';

// Every signal whose default is to end the process, that Node leaves to that default, and that is no
// fault of the process itself: Ctrl-C, kill's default, a closed terminal, Ctrl-\, SIGUSR2, timers
// (timeout -s ALRM, setitimer), a CPU time limit (ulimit -t); on Linux also SIGIO (ignored by
// default on macOS and the BSDs), SIGPWR and SIGSTKFLT. Not SIGUSR1 (Node's inspector), SIGPROF
// (profilers), SIGPIPE or SIGXFSZ (Node ignores them: a write then fails with an error), nor the
// faults and aborts (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS, SIGABRT), which no
// JavaScript handler can run after.
const ENDING_SIGNALS: readonly NodeJS.Signals[] = [
  'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'SIGALRM', 'SIGVTALRM', 'SIGXCPU',
  ...(process.platform === 'linux' ? (['SIGIO', 'SIGPWR', 'SIGSTKFLT'] as const) : []),
];

const pending = new Set<string>();
let watching = false;

export function addTemporaryFile(path: string): void {
  pending.add(path);
  if (!watching) watchExits();
}

/** Forgets a temporary file that was renamed into place or removed. */
export function forgetTemporaryFile(path: string): void {
  pending.delete(path);
}

function removeAll(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
}

// Installed with the first temporary file, not before: while a handler is installed, Node holds a
// signal until the JavaScript running returns, so Ctrl-C would wait for the end of training. Kept
// after it: outputs are written last, and a signal then still ends the process by its own code.
function watchExits(): void {
  watching = true;
  process.on('exit', removeAll);
  for (const signal of ENDING_SIGNALS) {
    process.once(signal, () => {
      removeAll();
      // the handler was the only one and is gone: the signal now does what it does by default
      process.kill(process.pid, signal);
    });
  }
}
