import { readFile } from 'node:fs/promises';
import { CliError, type GatewayClient, type Reply } from './client.js';
import { decodeField, languageOf, nameOf, shortTime, table } from './format.js';
import { readAll, type CliIo } from './io.js';
import { startSpinner } from './spinner.js';

/** What every command gets: the client, the IO, and whether to print JSON. */
export interface CommandContext {
  client: GatewayClient;
  io: CliIo;
  json: boolean;
}

const COMPILED = new Set(['c', 'rust', 'go']);

export interface DeployOptions {
  name?: string;
  lang?: string;
  env?: string[];
  timeoutMs?: string;
  memoryMib?: string;
}

/** `deploy FILE`: language from the extension unless given, name from the file name. */
export async function deploy(ctx: CommandContext, file: string, options: DeployOptions): Promise<void> {
  const lang = options.lang ?? languageOf(file);
  if (!lang) throw new CliError(`cannot tell the language of ${file} from its extension; give it with --lang`);
  const name = options.name ?? nameOf(file);
  const source = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${err.code ?? err.message}`);
  });
  const query = new URLSearchParams({ name, lang });
  if (options.timeoutMs) query.set('timeoutMs', options.timeoutMs);
  if (options.memoryMib) query.set('memoryMiB', options.memoryMib);
  const headers: Record<string, string> = {};
  if (options.env?.length) headers['x-function-env'] = JSON.stringify(parseEnvPairs(options.env));

  const spinner = COMPILED.has(lang) ? startSpinner(ctx.io.stderr, `compiling ${file} (${lang})`) : { stop: () => undefined };
  let reply: Reply;
  try {
    reply = await ctx.client.send('POST', `/deploy?${query}`, source, headers);
  } finally {
    spinner.stop();
  }
  if (ctx.json) return print(ctx, reply);
  const compiled = reply['wasm'] ? `, compiled in ${String(reply['compileMs'])} ms` : '';
  ctx.io.stdout.write(`deployed ${String(reply['id'])} (${String(reply['lang'])}, ${String(reply['size'])} bytes${compiled})\n`);
}

function parseEnvPairs(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--env takes NAME=VALUE, not "${pair.slice(0, 40)}"`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

/**
 * `invoke FN`: stdin is --data, or what is piped in. Prints the function's output as it is and
 * its stderr to stderr; a failed invocation exits 1.
 */
export async function invoke(ctx: CommandContext, fn: string, options: { data?: string }): Promise<void> {
  const stdin = options.data !== undefined ? Buffer.from(options.data) : ctx.io.stdin.isTTY ? Buffer.alloc(0) : await readAll(ctx.io.stdin);
  const reply = await ctx.client.sendAny('POST', `/invoke?fn=${encodeURIComponent(fn)}`, stdin);
  if (ctx.json) {
    print(ctx, reply.body);
  } else {
    ctx.io.stdout.write(decodeField(reply.body['output'], reply.body['outputEncoding']));
    ctx.io.stderr.write(decodeField(reply.body['stderr'], reply.body['stderrEncoding']));
  }
  // No body on the error: the reply was printed already.
  if (!reply.ok) throw new CliError(String(reply.body['error'] ?? `HTTP ${reply.status}`), { code: String(reply.body['code'] ?? '') });
}

/** `ls`: every function with its latest version. */
export async function list(ctx: CommandContext): Promise<void> {
  const reply = await ctx.client.send('GET', '/functions');
  if (ctx.json) return print(ctx, reply);
  const functions = (reply['functions'] ?? []) as Array<Record<string, unknown>>;
  if (functions.length === 0) {
    ctx.io.stdout.write('no functions yet; deploy one with `minifaas deploy FILE`\n');
    return;
  }
  const rows = functions.map((f) => [String(f['name']), String(f['lang']), Number(f['versions']), String(f['latestId']), shortTime(f['updatedAt'])]);
  ctx.io.stdout.write(`${table(['NAME', 'LANG', 'VERSIONS', 'LATEST', 'UPDATED'], rows)}\n`);
}

/** `rm NAME [--version ID]`: the whole function, or one version. */
export async function remove(ctx: CommandContext, name: string, options: { version?: string }): Promise<void> {
  const path = options.version
    ? `/function/${encodeURIComponent(name)}/versions/${encodeURIComponent(options.version)}`
    : `/function/${encodeURIComponent(name)}`;
  const reply = await ctx.client.send('DELETE', path);
  if (ctx.json) return print(ctx, reply);
  const deleted = (reply['deleted'] ?? []) as string[];
  const left = reply['latestId'] ? `; ${name} is now ${String(reply['latestId'])}` : '';
  ctx.io.stdout.write(`deleted ${deleted.join(', ')}${left}\n`);
}

/** `logs NAME`: the last invocations, oldest of those shown first, like a log. */
export async function logs(ctx: CommandContext, name: string, options: { limit: string }): Promise<void> {
  const reply = await ctx.client.send('GET', `/function/${encodeURIComponent(name)}/invocations`);
  if (ctx.json) return print(ctx, reply);
  const limit = Math.max(1, Number(options.limit) || 20);
  const entries = ((reply['invocations'] ?? []) as Array<Record<string, unknown>>).slice(0, limit).reverse();
  if (entries.length === 0) {
    ctx.io.stdout.write(`no invocations of ${name} since the gateway started\n`);
    return;
  }
  const rows = entries.map((e) => [
    shortTime(e['at']),
    String(e['invocationId']).slice(0, 8),
    String(e['code']),
    e['exitCode'] === null ? '-' : String(e['exitCode']),
    `${String(e['totalMs'])} ms`,
    String(e['worker'] ?? '-'),
    lastLine(e),
  ]);
  ctx.io.stdout.write(`${table(['TIME', 'ID', 'CODE', 'EXIT', 'TOOK', 'WORKER', 'STDERR'], rows)}\n`);
}

function lastLine(entry: Record<string, unknown>): string {
  if (entry['stderrEncoding'] === 'base64') return '(binary)';
  const lines = String(entry['stderr'] ?? '').trimEnd().split('\n');
  const last = lines[lines.length - 1] ?? '';
  return last.length > 80 ? `${last.slice(0, 79)}…` : last;
}

/** `strategy [NAME]`: shows the load-balancing strategy, or switches it. */
export async function strategy(ctx: CommandContext, name: string | undefined): Promise<void> {
  const reply = name
    ? await ctx.client.send('PUT', '/lb/strategy', JSON.stringify({ strategy: name }), { 'content-type': 'application/json' })
    : await ctx.client.send('GET', '/lb/strategy');
  if (ctx.json) return print(ctx, reply);
  ctx.io.stdout.write(`${String(reply['strategy'])} (available: ${((reply['available'] ?? []) as string[]).join(', ')})\n`);
}

export function print(ctx: CommandContext, value: unknown): void {
  ctx.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
