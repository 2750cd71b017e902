// Flags: node:util parseArgs, with each value converted and checked here so that a bad one is
// reported by its flag name (`--epochs: expected an integer from 1 to ..., got "ten"`).
import { parseArgs } from 'node:util';
import { UsageError, quote, quoteNumber } from './errors';

export type FlagSpecs = Record<string, { type: 'string' | 'boolean'; short?: string }>;
export type FlagValues = Record<string, string | boolean | undefined>;

export interface CommandLine {
  flags: FlagValues;
  positionals: string[];
}

/** A command of neural-wasm: its flags and help, and what it does with a command line read by them. */
export interface Command {
  name: string;
  help: string;
  flags: FlagSpecs;
  run(line: CommandLine): Promise<void>;
}

/** Reads a command's flags and runs it; or, with --help, prints its help. */
export async function runCommand(command: Command, args: readonly string[]): Promise<void> {
  const line = parseCommandLine(command.name, args, command.flags);
  if (line.flags.help) process.stdout.write(command.help);
  else await command.run(line);
}

export function parseCommandLine(command: string, args: readonly string[], specs: FlagSpecs): CommandLine {
  try {
    const options = { ...specs, help: { type: 'boolean', short: 'h' } } as const;
    const { values, positionals } = parseArgs({ args: joinNegativeValues(args, specs), options, allowPositionals: true, strict: true });
    return { flags: values as FlagValues, positionals };
  } catch (error) {
    // parseArgs' messages are long and suggest `--` tricks: say which flag, and where help is
    const message = (error as Error).message;
    const flag = /'(-[^' ]*)/.exec(message)?.[1];
    let problem = message.replace(/\s*\n\s*/g, ' ');
    if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') problem = `unknown flag ${flag}`;
    else if (/argument missing/.test(message)) problem = `${flag} needs a value`;
    else if (/does not take an argument/.test(message)) problem = `${flag} takes no value`;
    else if (/argument is ambiguous/.test(message)) problem = `${flag} needs a value (for one that starts with -, write ${flag}=-...)`;
    throw new UsageError(`${problem} (see neural-wasm ${command} --help)`);
  }
}

// parseArgs takes `--seed -1` for a flag without its value followed by a flag `-1`: a negative
// number after a flag that takes a value is that value (`--seed=-1`), so the flag's own check judges it
const NEGATIVE_NUMBER = /^-(\d|\.\d|Infinity$)/;

function joinNegativeValues(args: readonly string[], specs: FlagSpecs): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = /^--([^=]+)$/.exec(args[i])?.[1];
    if (name !== undefined && Object.hasOwn(specs, name) && specs[name].type === 'string' && NEGATIVE_NUMBER.test(args[i + 1] ?? '')) {
      joined.push(`${args[i]}=${args[++i]}`);
    } else {
      if (args[i] === '--') return [...joined, ...args.slice(i)];
      joined.push(args[i]);
    }
  }
  return joined;
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
  if (!ok) throw new UsageError(`--${name}: expected a number ${lowOpen ? 'above' : 'from'} ${low}${high === Infinity ? '' : ` ${lowOpen ? 'up ' : ''}to ${high}`}, got ${quoteNumber(given, low, high, lowOpen)}`);
  return value;
}

export function integerFlag(flags: FlagValues, name: string, low: number, high: number): number | undefined {
  const given = stringFlag(flags, name);
  if (given === undefined) return undefined;
  const value = Number(given);
  if (!/^[+-]?\d+$/.test(given) || value < low || value > high) {
    throw new UsageError(`--${name}: expected a whole number from ${low} to ${high}, got ${quoteNumber(given, low, high)}`);
  }
  return value;
}

/** Numbers separated by commas: `--dropout 0.2,0.1`. */
export function numberListFlag(flags: FlagValues, name: string, low: number, high: number): number[] | undefined {
  return listFlag(flags, name)?.map((item) => {
    const value = Number(item);
    if (!Number.isFinite(value) || value < low || value > high) {
      throw new UsageError(`--${name}: expected numbers from ${low} to ${high} separated by commas, got ${gotInList(String(flags[name]), item, low, high)}`);
    }
    return value;
  });
}

// a list's "got ...": the whole value, or the one number in it too long to show or beyond a double
function gotInList(given: string, item: string, low: number, high: number): string {
  const number = quoteNumber(item, low, high);
  return number === quote(item) ? quote(given) : number;
}

/** A comma-separated list: `--target a,b`. */
export function listFlag(flags: FlagValues, name: string): string[] | undefined {
  const given = stringFlag(flags, name);
  if (given === undefined) return undefined;
  const items = given.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new UsageError(`--${name}: expected names separated by commas, got ${quote(given)}`);
  return items;
}

/** A comma-separated list of names, none given twice: `--columns a,b`. */
export function namesFlag(flags: FlagValues, name: string): string[] | undefined {
  const names = listFlag(flags, name);
  const twice = names?.find((item, i) => names.indexOf(item) !== i);
  if (twice !== undefined) throw new UsageError(`--${name}: names ${quote(twice)} twice`);
  return names;
}

export function integerListFlag(flags: FlagValues, name: string, low: number, high: number): number[] | undefined {
  return listFlag(flags, name)?.map((item) => {
    const value = Number(item);
    if (!/^\d+$/.test(item) || value < low || value > high) {
      throw new UsageError(`--${name}: expected whole numbers from ${low} to ${high} separated by commas, got ${gotInList(String(flags[name]), item, low, high)}`);
    }
    return value;
  });
}

export function choiceFlag<T extends string>(flags: FlagValues, name: string, choices: readonly T[]): T | undefined {
  const given = stringFlag(flags, name);
  if (given === undefined) return undefined;
  if (!(choices as readonly string[]).includes(given)) throw new UsageError(`--${name}: expected one of ${choices.join(', ')}, got ${quote(given)}`);
  return given as T;
}

/** A comma-separated list of names, each one of `choices`: `--activation relu,relu,softmax`. */
export function choiceListFlag<T extends string>(flags: FlagValues, name: string, choices: readonly T[]): T[] | undefined {
  const items = listFlag(flags, name);
  const unknown = items?.find((item) => !(choices as readonly string[]).includes(item));
  if (unknown !== undefined) throw new UsageError(`--${name}: expected one of ${choices.join(', ')} (or a list of them), got ${quote(unknown)}`);
  return items as T[] | undefined;
}

/** The command's one data argument (a file, '-' or a built-in name). */
export function onePositional(command: string, positionals: string[], what: string, fallback?: string): string {
  if (positionals.length > 1) throw new UsageError(`expected one ${what}, got ${positionals.length}: ${positionals.join(' ')} (see neural-wasm ${command} --help)`);
  const given = positionals[0] ?? fallback;
  if (given === undefined) throw new UsageError(`missing the ${what} (see neural-wasm ${command} --help)`);
  return given;
}
