// Text that comes from files or the command line (class and column names, file names, a model file's
// training metadata, anything an error message quotes) as the terminal shows it: its control
// characters replaced by U+FFFD, so a file cannot recolour, move the cursor, retitle or clear the
// terminal (ANSI escape sequences), nor break a report's line, nor reorder what the line shows. The
// SVG pictures show them the same way (svg.ts).

// C0 (newline, tab and ESC among them), DEL and C1 (0x9b is a one-byte CSI to some terminals); and
// the bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), which make
// the terminal show the text around them in another order than it has
const CONTROL = /[\p{Cc}\p{Bidi_Control}]/gu;

export function terminalText(text: string): string {
  return text.replace(CONTROL, '\ufffd');
}

/** Lines for the terminal: each as terminalText, the newlines between them kept. */
export function terminalLines(text: string): string {
  return text.split('\n').map(terminalText).join('\n');
}

/** Names for one line: each as terminalText; more than `most` as the first ones and how many in all. */
export function nameList(names: readonly string[], most = 8): string {
  const shown = names.slice(0, most).map(terminalText).join(', ');
  return names.length > most ? `${shown}, … (${names.length} in all)` : shown;
}
