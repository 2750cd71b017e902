// Flags: node:util parseArgs, with each value converted and checked here so that a bad one is
// reported by its flag name (`--epochs: expected an integer from 1 to ..., got "ten"`).
import { parseArgs } from 'node:util';
import { UsageError, quote } from './errors';

export type FlagSpecs = Record<string, { type: 'string' | 'boolean'; short?: string }>;
export type FlagValues = Record<string, string | boolean | undefined>;

export interface CommandLine {
  flags: FlagValues;
  positionals: string[];
}

export function parseCommandLine(command: string, args: readonly string[], specs: FlagSpecs): CommandLine {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: { ...specs, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { flags: values as FlagValues, positionals };
  } catch (error) {
    // parseArgs' messages are long and suggest `--` tricks: say which flag, and where help is
    const message = (error as Error).message;
    const flag = /'(-[^' ]*)/.exec(message)?.[1];
    let problem = message;
    if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') problem = `unknown flag ${flag}`;
    else if (/argument missing/.test(message)) problem = `${flag} needs a value`;
    else if (/does not take an argument/.test(message)) problem = `${flag} takes no value`;
    throw new UsageError(`${problem} (see neural-wasm ${command} --help)`);
  }
}

function text(flags: FlagValues, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

export function stringFlag(flags: FlagValues, name: string): string | undefined {
  const value = text(flags, name);
  if (value === '') throw new UsageError(`--${name}: expected a value, got an empty string`);
  return value;
}

export function numberFlag(flags: FlagValues, name: string, low: number, high: number, lowOpen = false): number | undefined {
  const given = stringFlag(flags, name);
  if (given === undefined) return undefined;
  const value = Number(given);
  const ok = Number.isFinite(value) && (lowOpen ? value > low : value >= low) && value <= high;
  if (!ok) throw new UsageError(`--${name}: expected a number ${lowOpen ? 'above' : 'from'} ${low}${high === Infinity ? '' : ` ${lowOpen ? 'up ' : ''}to ${high}`}, got ${quote(given)}`);
  return value;
}

export function integerFlag(flags: FlagValues, name: string, low: number, high: number): number | undefined {
  const given = stringFlag(flags, name);
  if (given === undefined) return undefined;
  const value = Number(given);
  if (!/^[+-]?\d+$/.test(given) || value < low || value > high) {
    throw new UsageError(`--${name}: expected a whole number from ${low} to ${high}, got ${quote(given)}`);
  }
  return value;
}

/** A comma-separated list: `--target a,b`. */
export function listFlag(flags: FlagValues, name: string): string[] | undefined {
  const given = stringFlag(flags, name);
  if (given === undefined) return undefined;
  const items = given.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new UsageError(`--${name}: expected names separated by commas, got ${quote(given)}`);
  return items;
}

export function integerListFlag(flags: FlagValues, name: string, low: number, high: number): number[] | undefined {
  return listFlag(flags, name)?.map((item) => {
    const value = Number(item);
    if (!/^\d+$/.test(item) || value < low || value > high) {
      throw new UsageError(`--${name}: expected whole numbers from ${low} to ${high} separated by commas, got ${quote(String(flags[name]))}`);
    }
    return value;
  });
}

export function choiceFlag<T extends string>(flags: FlagValues, name: string, choices: readonly T[]): T | undefined {
  const given = stringFlag(flags, name);
  if (given === undefined) return undefined;
  if (!(choices as readonly string[]).includes(given)) {
    throw new UsageError(`--${name}: expected one of ${choices.join(', ')}, got ${quote(given)}`);
  }
  return given as T;
}

/** The command's one data argument (a file, '-' or a built-in name). */
export function onePositional(command: string, positionals: string[], what: string, fallback?: string): string {
  if (positionals.length > 1) throw new UsageError(`expected one ${what}, got ${positionals.length}: ${positionals.join(' ')} (see neural-wasm ${command} --help)`);
  const given = positionals[0] ?? fallback;
  if (given === undefined) throw new UsageError(`missing the ${what} (see neural-wasm ${command} --help)`);
  return given;
}
