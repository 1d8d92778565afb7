/** A small, strict parser: `--name value`, `--name=value`, `--flag`, positionals. */
export class UsageError extends Error {}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string | true>;
}

export interface OptionSpec {
  /** Options that take a value. */
  readonly valued: readonly string[];
  /** Options that are flags. */
  readonly flags: readonly string[];
  /** How many positionals are allowed. */
  readonly maxPositionals: number;
}

export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const options = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (spec.valued.includes(name)) {
        const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
        if (value === undefined || (eq === -1 && value.startsWith('--'))) {
          throw new UsageError(`--${name} needs a value`);
        }
        options.set(name, value);
      } else if (spec.flags.includes(name) && eq === -1) {
        options.set(name, true);
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
    } else {
      positionals.push(arg);
    }
  }
  if (positionals.length > spec.maxPositionals) {
    throw new UsageError(`unexpected argument "${positionals[spec.maxPositionals]}"`);
  }
  return { positionals, options };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The clock; tests pass a fixed one. */
  readonly now: () => Date;
}
