import { parseArgs } from 'node:util';
import { cliArgs } from './args.js';
import { runLoad, type LoadFigures } from './load.js';
import { renderTable } from './table.js';

const USAGE =
  'usage: pnpm load -- --fn ID [--concurrency N] [--duration S] [--url URL] [--data STRING] [--json]\n' +
  '(the gateway is --url, else FAAS_URL, else http://127.0.0.1:8080)\n' +
  '(the token, if the gateway wants one, comes from FAAS_INVOKE_TOKEN, else FAAS_API_TOKEN)';

const { values } = parseArgs({
  args: cliArgs(),
  options: {
    fn: { type: 'string' },
    concurrency: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    url: { type: 'string', default: process.env['FAAS_URL'] || 'http://127.0.0.1:8080' },
    data: { type: 'string', default: 'world' },
    json: { type: 'boolean', default: false },
  },
  strict: true,
});

const concurrency = Number(values.concurrency);
const durationS = Number(values.duration);
if (!values.fn || !(concurrency >= 1) || !(durationS > 0)) {
  console.error(USAGE);
  process.exit(2);
}

// From the environment, not a flag: a token on the command line ends up in shell history and `ps`.
const token = process.env['FAAS_INVOKE_TOKEN'] || process.env['FAAS_API_TOKEN'] || undefined;
await checkFunctionExists(values.url, values.fn, token);
const figures = await runLoad({ url: values.url, fn: values.fn, concurrency, durationS, data: values.data, token });
console.log(values.json ? JSON.stringify(figures, null, 2) : describe(figures));
if (Object.keys(figures.workers).length === 0) {
  console.error(`load: no call succeeded against ${values.url}; the first failure: ${figures.firstFailure ?? 'none recorded'}`);
  process.exitCode = 1;
}

/** Fails before the run, not with thousands of 404s, when the gateway is down or has no such function. */
async function checkFunctionExists(url: string, fn: string, bearer: string | undefined): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${url}/function/${encodeURIComponent(fn)}`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});
  } catch (err) {
    console.error(`load: cannot reach the gateway at ${url} (${(err as Error).cause ?? (err as Error).message}); is minifaas running?`);
    process.exit(1);
  }
  if (res.status === 404) {
    console.error(`load: the gateway at ${url} has no function "${fn}"; deploy it first (minifaas ls lists them)`);
    process.exit(1);
  }
}

function describe(f: LoadFigures): string {
  const summary = renderTable(
    ['fn', 'conc', 'requests', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'req/s', 'non-2xx', 'errors', 'cold'],
    [[f.fn, f.concurrency, f.requests, f.latency.p50Ms, f.latency.p90Ms, f.latency.p99Ms, f.latency.maxMs, f.throughputRps, f.non2xx, f.errors + f.timeouts, f.coldStarts]],
  );
  const total = Object.values(f.workers).reduce((a, b) => a + b, 0);
  const spread = renderTable(
    ['worker', 'calls', 'share'],
    Object.entries(f.workers)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([worker, calls]) => [worker, calls, `${((100 * calls) / Math.max(1, total)).toFixed(1)}%`]),
  );
  return `${summary}\n\n${spread}`;
}
