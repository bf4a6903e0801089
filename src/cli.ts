/**
 * The blogvault command: parses the command line (cli/definitions.ts), runs the command
 * (cli/commands.ts) and turns any error that ends it into one line and an exit code (cli/exit.ts).
 * Only the parser is loaded up front: `--version`, `--help` and a line yargs refuses need none of the
 * run's code, and the error classes are loaded when there is an error.
 */
import { buildCli, COMMAND_NAMES, type CommandName } from './cli/definitions.js';

export async function main(argv: string[]): Promise<void> {
  try {
    const args = await buildCli(argv).parseAsync();
    const name = String(args._[0]);
    // strict() has refused any other word, so another name is --help or --version, already answered.
    if (!(COMMAND_NAMES as readonly string[]).includes(name)) return;
    const { COMMANDS } = await import('./cli/commands.js');
    await COMMANDS[name as CommandName](args as never);
  } catch (err) {
    const { topLevelError } = await import('./cli/exit.js');
    const { line, code } = topLevelError(err);
    process.stderr.write(`blogvault: ${line}\n`);
    if (process.env.BLOGVAULT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = code;
  }
}
