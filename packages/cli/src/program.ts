import { Command, Option } from 'commander';
import { CliError, GatewayClient } from './client.js';
import { deploy, invoke, list, logs, print, remove, strategy, type CommandContext } from './commands-functions.js';
import { load, up } from './commands-processes.js';
import type { CliIo } from './io.js';

export const DEFAULT_URL = 'http://127.0.0.1:8080';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * Runs the `minifaas` command with argv (without node and the script) and resolves with the
 * exit status: 0 on success, 1 when the gateway or the function reported a failure.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let status = 0;
  const program = new Command('minifaas')
    .description('Deploy and run functions on a minifaas gateway')
    .addOption(new Option('--url <url>', 'gateway URL').env('FAAS_URL').default(DEFAULT_URL))
    .option('--json', 'print the gateway\'s JSON replies instead of text', false)
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();

  const context = (): CommandContext => {
    const { url, json } = program.opts<{ url: string; json: boolean }>();
    const token = io.env['FAAS_API_TOKEN'] || io.env['FAAS_INVOKE_TOKEN'];
    return { client: new GatewayClient({ url, token }), io, json };
  };

  program
    .command('up')
    .description('start every service in the foreground, like npm start')
    .argument('[strategy]', 'load-balancing strategy')
    .action(async (name?: string) => {
      status = await up(io, name);
    });
  program
    .command('deploy')
    .description('deploy a source file as a new version of a function')
    .argument('<file>', 'the source; the language comes from its extension')
    .option('-n, --name <name>', 'function name (default: the file name without extension)')
    .option('-l, --lang <lang>', 'language: c, rust, go, js, python, php, html')
    .option('-e, --env <NAME=VALUE>', 'an environment variable for the function (repeatable)', collect)
    .option('--timeout-ms <ms>', 'deadline of each invocation')
    .option('--memory-mib <mib>', 'memory cap')
    .action((file: string, options) => deploy(context(), file, options));
  program
    .command('invoke')
    .description('run a function; stdin is --data or what is piped in')
    .argument('<fn>', 'a function name or id')
    .option('-d, --data <text>', 'the function\'s stdin')
    .action((fn: string, options) => invoke(context(), fn, options));
  program.command('ls').description('list the functions').action(() => list(context()));
  program
    .command('rm')
    .description('delete a function, or one version of it')
    .argument('<name>')
    .option('--version <id>', 'delete only this version')
    .action((name: string, options) => remove(context(), name, options));
  program
    .command('logs')
    .description('the last invocations of a function, with exit codes and stderr')
    .argument('<name>')
    .option('--limit <n>', 'how many', '20')
    .action((name: string, options) => logs(context(), name, options));
  program
    .command('strategy')
    .description('show the load-balancing strategy, or switch it')
    .argument('[name]', 'RR, FIFO, WEIGHTED, ...')
    .action((name?: string) => strategy(context(), name));
  program
    .command('load')
    .description('drive a function with the load injector (minifaas load --fn NAME --concurrency 8 --duration 10)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[]) => {
      // --json and --url are the program's own options wherever they appear: pass them on.
      const { url, json } = program.opts<{ url: string; json: boolean }>();
      status = await load(io, [...args, ...(json ? ['--json'] : [])], url);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (err) {
    return report(err, io, program.opts<{ json?: boolean }>().json ?? false);
  }
}

function report(err: unknown, io: CliIo, json: boolean): number {
  const commanderExit = (err as { exitCode?: number; code?: string }).code?.startsWith('commander.');
  if (commanderExit) return (err as { exitCode: number }).exitCode;
  if (!(err instanceof CliError)) throw err;
  if (json && err.body) print({ io } as CommandContext, err.body);
  io.stderr.write(`minifaas: ${err.message}${err.code ? ` (${err.code})` : ''}\n`);
  return 1;
}
