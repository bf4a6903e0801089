/**
 * The blogvault command: parses the command line (cli/definitions.ts), runs the command
 * (cli/commands.ts) and turns any error that ends it into one line and an exit code.
 */
import { topLevelError } from './cli-messages.js';
import { COMMANDS } from './cli/commands.js';
import { buildCli } from './cli/definitions.js';

export { EXIT } from './pipeline/errors.js';
export { buildCli } from './cli/definitions.js';
export { crawlOptions, profileParser, settingsFrom, warcOptions, withWarc, type CrawlArgs, type WarcArgs } from './cli/options.js';

/**
 * The exit code of an error that ends a command: bad input (2), an archive that cannot be written (3),
 * and an internal error (70) for anything else, which is a bug and is reported as one.
 */
export function exitCodeForError(err: unknown): number {
  return topLevelError(err).code;
}

export async function main(argv: string[]): Promise<void> {
  try {
    const args = await buildCli(argv).parseAsync();
    const command = COMMANDS[String(args._[0]) as keyof typeof COMMANDS];
    // strict() has refused any other word, so a missing entry is --help or --version, already answered.
    if (command) await command(args as never);
  } catch (err) {
    const { line, code } = topLevelError(err);
    process.stderr.write(`blogvault: ${line}\n`);
    if (process.env.BLOGVAULT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = code;
  }
}
