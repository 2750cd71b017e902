// Text that comes from files (class and column names, a model file's training metadata, anything
// an error message quotes) as the terminal shows it: its control characters replaced by U+FFFD, so
// a file cannot recolour, move the cursor, retitle or clear the terminal (ANSI escape sequences),
// nor break a report's line. The SVG pictures show them the same way (svg.ts).

// C0 (newline, tab and ESC among them), DEL and C1 (0x9b is a one-byte CSI to some terminals)
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function terminalText(text: string): string {
  return text.replace(CONTROL, '\ufffd');
}

/** Names for one line: each as terminalText; more than `most` as the first ones and how many in all. */
export function nameList(names: readonly string[], most = 8): string {
  const shown = names.slice(0, most).map(terminalText).join(', ');
  return names.length > most ? `${shown}, … (${names.length} in all)` : shown;
}
