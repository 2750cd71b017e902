// The temporary files of outputs being written are removed however the process ends: on an error (by
// their writer), at exit, and on SIGINT, SIGTERM, SIGHUP or SIGQUIT (Ctrl-\), after which the process
// ends by that signal, as it would have without a handler.
import { rmSync } from 'node:fs';

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
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const) {
    process.once(signal, () => {
      removeAll();
      // the handler was the only one and is gone: the signal now does what it does by default
      process.kill(process.pid, signal);
    });
  }
}
