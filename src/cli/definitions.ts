/** The command line: every command, its positionals and options, as yargs reads them. */
import yargs from 'yargs';
import { VERSION } from '../version.js';
import { InputError } from '../pipeline/errors.js';
import { parseFailure } from '../cli-messages.js';
import { EXPORT_TARGETS } from '../export/types.js';
import { crawlOptions, queueOptions, reportOptions, warcOptions } from './options.js';

/**
 * The commands, in the order errors list them. What each does is commands.ts's, loaded once the line is
 * parsed: `--version`, `--help` and a mistyped option need none of the run's code.
 */
export const COMMAND_NAMES = ['archive', 'update', 'inspect', 'rebuild', 'backup', 'enqueue', 'worker', 'status', 'export', 'publish'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** What each command takes, for "archive: missing <url>". */
const USAGE: Record<string, string> = {
  archive: 'archive <url>',
  update: 'update <dir>',
  inspect: 'inspect <url>',
  rebuild: 'rebuild <dir>',
  export: 'export <dir> --to <target> --out <dir>',
  publish: 'publish <dir> --to <target> --site <url>',
  backup: 'backup <config>',
  enqueue: 'enqueue <config> --redis <url>',
};

export function buildCli(argv: string[]) {
  const cli = yargs(argv);
  return cli
    .scriptName('blogvault')
    // Numbers reach the checks as typed (`1e9`), so that their errors quote them.
    .parserConfiguration({ 'parse-numbers': false })
    .usage('$0 <command> [options]\n\nArchive a whole blog into Markdown files with YAML front matter.')
    .command('archive <url>', 'Archive every post of the blog whose index is at <url>', (y) =>
      warcOptions(reportOptions(crawlOptions(y.positional('url', { type: 'string', demandOption: true, describe: 'The blog index (first page)' }))))
        .option('out', { type: 'string', alias: 'o', default: 'archive', describe: 'Archive folder' })
        .option('force', { type: 'boolean', default: false, describe: 'Write into a folder that holds other files (none of them is overwritten)' }),
    )
    .command(
      'update <dir>',
      'Archive again with the settings saved in <dir> (for cron: quiet unless something changed or failed)',
      (y) => reportOptions(y.positional('dir', { type: 'string', demandOption: true, describe: 'An archive folder made by `archive`' })),
    )
    .command(
      'inspect <url>',
      'Dry run: show the engine, the pagination chain, post links and one extracted post, without writing anything',
      (y) => crawlOptions(y.positional('url', { type: 'string', demandOption: true })).option('pages', { type: 'number', default: 3, describe: 'Index pages to walk' }),
    )
    .command('rebuild <dir>', 'Re-extract every post from the HTML snapshots kept with --keep-html, without network', (y) =>
      y.positional('dir', { type: 'string', demandOption: true }),
    )
    .command('export <dir>', 'Export an archive into another platform\'s layout', (y) =>
      y
        .positional('dir', { type: 'string', demandOption: true })
        .option('to', { choices: EXPORT_TARGETS, demandOption: true, describe: 'Target platform' })
        .option('out', { type: 'string', alias: 'o', demandOption: true, describe: 'Output folder' })
        .option('keep-urls', { type: 'boolean', default: false, describe: 'Keep the old URL paths (permalink / aliases)' })
        .option('media-url', { type: 'string', describe: 'wordpress: URL the exported media/ folder is served from during the import' }),
    )
    .command('publish <dir>', 'Publish an archive to a WordPress or Ghost site through its API (secret from the environment)', (y) =>
      y
        .positional('dir', { type: 'string', demandOption: true })
        .option('to', { choices: ['wordpress', 'ghost'] as const, demandOption: true, describe: 'Target platform' })
        .option('site', { type: 'string', demandOption: true, describe: 'The site\'s home URL' })
        .option('user', { type: 'string', describe: 'wordpress: the user whose application password is in BLOGVAULT_WP_APP_PASSWORD' })
        .option('redirects', { type: 'string', describe: 'Folder for the redirect files (default: in the archive\'s .blogvault/publish/)' }),
    )
    .command('backup <config>', 'Archive every blog a config file lists (several at once, each host polite), one summary for all', (y) =>
      reportOptions(y.positional('config', { type: 'string', demandOption: true, describe: 'YAML or JSON file listing the blogs' }))
        .option('parallel', { type: 'number', default: 4, describe: 'Blogs archived at once (blogs on one host run one after another)' })
        .option('git', { type: 'boolean', default: false, describe: 'Commit each blog\'s changes after its run (one commit per changed blog)' })
        .option('warc', { type: 'boolean', default: false, describe: 'Also record every response fetched in WARC files under each archive' }),
    )
    .command('enqueue <config>', 'Put one job per blog of a config on a BullMQ queue for `worker`s', (y) =>
      queueOptions(y.positional('config', { type: 'string', demandOption: true, describe: 'YAML or JSON file listing the blogs' }))
        .option('attempts', { type: 'number', default: 3, describe: 'Runs of a blog that ends in error before it is marked failed' })
        .option('retry-delay', { type: 'number', default: 60, describe: 'Seconds before the first retry (doubled each time)' })
        .option('git', { type: 'boolean', default: false, describe: 'Workers commit each blog\'s changes after its run' })
        .option('warc', { type: 'boolean', default: false, describe: 'Also record every response fetched in WARC files under each archive' })
        .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Print nothing' }),
    )
    .command('worker', 'Archive blogs taken from the queue, one at a time (any number of workers, on any machine)', (y) =>
      queueOptions(y)
        .option('rate', { type: 'number', default: 2, describe: 'Requests per second per host, shared by every worker on the queue' })
        .option('stall-timeout', { type: 'number', default: 30, describe: 'Seconds after which the blog of a worker that stopped answering goes to another' })
        .option('until-empty', { type: 'boolean', default: false, describe: 'Exit once no blog is waiting or running' })
        .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Log only failures' })
        .option('verbose', { type: 'boolean', alias: 'v', default: false, describe: 'Log every post' }),
    )
    .command('status', 'Show the waiting, running, done and failed blogs of the queue', (y) =>
      queueOptions(y)
        .option('limit', { type: 'number', default: 50, describe: 'Blogs listed per state' })
        .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
    )
    .demandCommand(1)
    .recommendCommands()
    .strict()
    .version(VERSION)
    .alias('V', 'version')
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    // Once a command's line is parsed without --help (from the line or a profile), yargs renders the
    // command's whole help text anyway, in case its handler fails and the help is to be shown then;
    // blogvault never shows it then (.fail() below throws). Rendering it was 24 ms of the 38 ms parse
    // of `update <dir>`, a tenth of a nightly run of an unchanged blog; the middleware runs just before,
    // and `--help` is answered before it runs. yargs 17 has no option for it: its usage object is reached
    // through its internal methods.
    .middleware(() => {
      (cli as unknown as { getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } } }).getInternalMethods().getUsageInstance().cacheHelpMessage = () => undefined;
    }, true)
    .fail((message, err) => {
      // Errors met while parsing (a profile that cannot be read, an option missing its value) are the input's.
      if (err instanceof InputError) throw err;
      throw parseFailure(message || err?.message || 'cannot read the command line', argv, COMMAND_NAMES.map((name) => USAGE[name] ?? name));
    });
}
