/**
 * The CLI's words for what went wrong: yargs' parser messages made one line that names the option and
 * the problem, numbers and sizes read with the option's name in their errors, file system errors in
 * words. The line and exit code of an error that ends a command are cli/exit.ts's: they know every
 * error class of the run, and loading those here would cost `--version` and `--help` their modules.
 */
import { InputError, reasonOf } from './pipeline/errors.js';

/** The command line's words after the command: `--out x` -> `--out`; for naming what yargs' messages name. */
function optionAsTyped(name: string, argv: readonly string[]): string {
  const typed = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `-${name}`);
  return typed ? typed.split('=')[0] : name.length === 1 ? `-${name}` : `--${name}`;
}

/** The positional arguments each command demands, for "missing <url>". */
const POSITIONAL = /^(\S+) <(\w+)>/;

/**
 * Turns a yargs parsing failure into one line that names the command or option and the problem.
 * `commands`: the command names with their usage (`archive <url>`), to name a missing positional and
 * to recognise a mistyped command.
 */
export function parseFailure(message: string, argv: readonly string[], commands: readonly string[]): InputError {
  const names = commands.map((c) => c.split(' ')[0]);
  const command = argv.find((a) => !a.startsWith('-'));
  const known = command !== undefined && names.includes(command);
  const help = known ? `blogvault ${command} --help` : 'blogvault --help';
  let m: RegExpExecArray | null;
  if ((m = /^Did you mean (\S+)\?$/.exec(message))) return new InputError(`unknown command ${command}: did you mean ${m[1]}? (see blogvault --help)`);
  if (!known && command !== undefined && /^Unknown argument/.test(message)) return new InputError(`unknown command ${command}: the commands are ${names.join(', ')} (see blogvault --help)`);
  if (/^Not enough non-option arguments/.test(message)) {
    if (!known) return new InputError(`name a command: ${names.join(', ')} (see blogvault --help)`);
    const usage = commands.find((c) => c.split(' ')[0] === command) ?? command;
    const positional = POSITIONAL.exec(usage)?.[2] ?? 'argument';
    return new InputError(`${command}: missing <${positional}> (usage: blogvault ${usage})`);
  }
  if ((m = /^Unknown arguments?: (.*)$/s.exec(message))) {
    // yargs names an unknown --bogus-flag twice, also as bogusFlag; list what was typed.
    const unknown = m[1].split(', ').filter((name) => argv.some((a) => a === name || a.replace(/^-+/, '').split('=')[0] === name));
    const typed = unknown.map((name) => (argv.includes(name) ? name : optionAsTyped(name, argv)));
    return new InputError(`${known ? `${command}: ` : ''}unknown ${typed.length > 1 ? 'options' : 'option'} ${typed.join(', ')} (see ${help})`);
  }
  if ((m = /Argument: (\S+), Given: (.*), Choices: (.*)$/s.exec(message))) {
    const given = m[2].replace(/^"|"$/g, '');
    return new InputError(`${optionAsTyped(m[1], argv)} ${given}: must be one of ${m[3].replace(/"/g, '')}`);
  }
  if ((m = /^Missing required arguments?: (.+)$/.exec(message))) {
    const missing = m[1].split(', ').map((name) => optionAsTyped(name, argv));
    return new InputError(`${known ? `${command}: ` : ''}${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required (see ${help})`);
  }
  if ((m = /^Not enough arguments following: (\S+)$/.exec(message))) return new InputError(`${optionAsTyped(m[1], argv)} needs a value (see ${help})`);
  const line = message.replace(/\s*\n\s*/g, ' ');
  // A message that names its option already (a profile that cannot be read) needs no pointer to the help.
  return new InputError(/^--\w/.test(line) ? line : `${line} (see ${help})`);
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

export interface NumberRule {
  min: number;
  max: number;
  /** Whole numbers only. */
  whole?: boolean;
  /** The lower bound itself is not allowed. */
  aboveMin?: boolean;
  /** Sizes: `20M`, `512k`, `1G` (powers of 1024; `MB`, `MiB` read the same). */
  size?: boolean;
}

/**
 * An option's number, from the command line (a string, or a number yargs already read) or a profile,
 * with the option's name and the value as given in the error.
 */
export function readNumber(option: string, raw: unknown, rule: NumberRule): number {
  const text = String(raw).trim();
  let n = Number.NaN;
  const sized = rule.size ? /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(text) : null;
  if (sized) n = Number(sized[1]) * SIZE_UNITS[sized[2].toLowerCase()];
  else if (text !== '' && typeof raw !== 'boolean') n = Number(text);
  if (Number.isNaN(n)) return fail(`not a number${rule.size ? ' (a size such as 20M, 512k or 1048576)' : ''}`);
  if (rule.whole && !Number.isInteger(n)) return fail('must be a whole number');
  if (n < rule.min || (rule.aboveMin && n === rule.min) || n > rule.max) return fail(`must be ${rule.aboveMin ? 'above' : 'at least'} ${rule.min} and at most ${rule.max}`);
  return n;

  function fail(reason: string): never {
    const shown = typeof raw === 'boolean' || text === '' ? '' : ` ${text}`;
    throw new InputError(`--${option}${shown}: ${reason}`);
  }
}

const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'is a folder',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EEXIST: 'already exists',
};

/** A file system error's reason in words, with its code: `no such file or folder (ENOENT)`. */
export function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (typeof code !== 'string') return reasonOf(error);
  return SYSTEM_REASONS[code] ? `${SYSTEM_REASONS[code]} (${code})` : code;
}
