// Numbers as both apps show them to people.

/**
 * A share as a percentage to one decimal: "97.5%". A whole one is "100%" in the CLI's sentences;
 * `fixed` keeps its ".0" ("100.0%") for the playground's table columns and status fields.
 */
export function percent(share: number, fixed = false): string {
  const text = (share * 100).toFixed(1);
  return `${fixed ? text : Number(text)}%`;
}

/**
 * A duration: whole milliseconds under a second, else seconds to `decimals` places (the CLI's
 * report takes 1; the playground's runs table 2, so close runs of two cores still differ).
 */
export function duration(milliseconds: number, decimals: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(decimals)} s`;
}
