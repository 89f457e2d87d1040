import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { it } from 'node:test';
import { deploy, FIXTURES, invoke, request, type JsonReply, type TestStack } from '../harness.js';

/** Inputs of the failure cases (copied from the QA cases so a clone has them). */
export const CASE_FIXTURES = join(FIXTURES, 'cases');
export const MiB = 1024 * 1024;
/** Workers the test stack runs (startTestStack's default). */
export const WORKERS = 4;

export function readCaseFixture(file: string): Buffer {
  return readFileSync(join(CASE_FIXTURES, file));
}

/** Deploys a case fixture and returns its id; fails the test unless the deploy answered 201. */
export async function deployFixture(
  stack: TestStack,
  name: string,
  lang: string,
  file: string,
): Promise<string> {
  const reply = await deploy(stack.url, name, lang, readCaseFixture(file));
  assert.equal(reply.status, 201, `deploy ${file} as ${name}: ${JSON.stringify(reply.body)}`);
  return String(reply.body.id);
}

/** Runs `fn` and says how long it took, in wall-clock milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; elapsedMs: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, elapsedMs: performance.now() - started };
}

/** A compact view of a reply for assertion messages (long outputs cut). */
export function show(reply: JsonReply): string {
  const body = Object.fromEntries(
    Object.entries(reply.body).map(([k, v]) => [
      k,
      typeof v === 'string' && v.length > 300 ? `${v.slice(0, 300)}…(${v.length} chars)` : v,
    ]),
  );
  return `HTTP ${reply.status} ${JSON.stringify(body)}`;
}

/** Asserts the documented error shape: `{ok:false, error, code}` with this status and code. */
export function assertError(reply: JsonReply, status: number, code: string, context = ''): void {
  const where = `${context ? `${context}: ` : ''}${show(reply)}`;
  assert.equal(reply.status, status, where);
  assert.equal(reply.body.ok, false, where);
  assert.equal(reply.body.code, code, where);
  assert.equal(typeof reply.body.error, 'string', where);
}

export type Expectations = Array<[holds: boolean, expectation: string]>;

/** The expectations that do not hold. */
export function unmet(checks: Expectations): string[] {
  return checks.filter(([holds]) => !holds).map(([, expectation]) => expectation);
}

/**
 * Checks several expectations of one reply at once and fails listing every one that does not
 * hold, so one wrong message does not hide a wrong status or a late answer.
 */
export function expectAll(where: string, checks: Expectations): void {
  const failed = unmet(checks);
  assert.deepEqual(failed, [], `${where}\n  expected but not so: ${failed.join('; ')}`);
}

// --- processes ---------------------------------------------------------------------------------

export function gatewayPid(stack: TestStack): number {
  const pid = stack.services.find((s) => s.spec.name === 'gateway')?.pid;
  assert.ok(pid, 'the stack has a gateway process');
  return pid;
}

export function workerPids(stack: TestStack): number[] {
  return stack.workers.map((w) => w.pid).filter((pid): pid is number => pid !== undefined);
}

/** Resident set size of a process in MiB, from /proc/<pid>/status (VmRSS). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  assert.ok(match?.[1], `VmRSS of pid ${pid}`);
  return Number(match[1]) / 1024;
}

interface ProcInfo {
  pid: number;
  ppid: number;
  /** utime + stime in clock ticks. */
  cpuTicks: number;
  cmdline: string;
}

/** Every process visible in /proc right now (those that vanish while reading are skipped). */
function listProcesses(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // comm (field 2) may hold spaces and parentheses: the fields after it start at the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      out.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        cpuTicks: Number(fields[11]) + Number(fields[12]),
        cmdline,
      });
    } catch {
      // The process ended between readdir and read.
    }
  }
  return out;
}

/** The processes below the given roots (children, grandchildren, ...), roots excluded. */
export function descendants(rootPids: number[]): ProcInfo[] {
  const all = listProcesses();
  const found = new Set<number>(rootPids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => found.has(p.pid) && !rootPids.includes(p.pid));
}

/** CPU time (ticks) used so far by the given processes and everything below them. */
function cpuTicksOfTree(rootPids: number[]): number {
  const tree = new Set([...rootPids, ...descendants(rootPids).map((p) => p.pid)]);
  return listProcesses()
    .filter((p) => tree.has(p.pid))
    .reduce((sum, p) => sum + p.cpuTicks, 0);
}

const CLOCK_TICKS_PER_S = 100;

/**
 * Waits until the process trees of `rootPids` use less than `maxCores` of CPU over one
 * `windowMs` window, trying windows back to back for at most `withinMs`. Returns the CPU use
 * (in cores) of each window measured, the last one below the bound, or throws.
 */
export async function waitForIdleCpu(
  rootPids: () => number[],
  { maxCores = 0.3, windowMs = 1000, withinMs = 5000 } = {},
): Promise<number[]> {
  const seen: number[] = [];
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const pids = rootPids();
    const before = cpuTicksOfTree(pids);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const cores = (cpuTicksOfTree(pids) - before) / CLOCK_TICKS_PER_S / (windowMs / 1000);
    seen.push(Math.round(cores * 100) / 100);
    if (cores < maxCores) return seen;
  }
  throw new Error(
    `CPU did not fall below ${maxCores} cores within ${withinMs} ms; windows measured: ${seen.join(', ')} cores`,
  );
}

/** Polls `check` every 50 ms until it holds or `withinMs` passes; returns whether it held. */
export async function eventually(check: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// --- raw HTTP ----------------------------------------------------------------------------------

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json:
    | (Record<string, unknown> & {
        ok?: unknown;
        code?: unknown;
        error?: unknown;
        output?: unknown;
      })
    | undefined;
  /** Milliseconds from the start until the reply's headers arrived. */
  headersMs: number;
  /** Milliseconds from the start until the whole request body was handed to the kernel. */
  sentMs: number;
}

/**
 * One HTTP request with the path sent exactly as given (no `..` folding, no re-encoding, like
 * `curl --path-as-is`) and only the headers given (plus Host and, with a body, Content-Length).
 */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  options: { body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<RawReply> {
  const url = new URL(base);
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (body) headers['content-length'] = String(body.length);
  const started = performance.now();
  let sentMs = NaN;
  let answered = false;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers },
      (res) => {
        answered = true;
        const headersMs = performance.now() - started;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: RawReply['json'];
          try {
            const parsed: unknown = JSON.parse(text);
            if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
              json = parsed as RawReply['json'];
          } catch {
            json = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json,
            headersMs,
            sentMs,
          });
        });
      },
    );
    req.on('finish', () => {
      sentMs = performance.now() - started;
    });
    // A server that answers early (413 on Content-Length) and closes makes the rest of the upload
    // fail with EPIPE; like curl, report the answer when one arrives.
    req.on('error', (err) => setTimeout(() => answered || reject(err), 500).unref());
    req.end(body);
  });
}

/**
 * Sends `head` (request line and headers, without the blank line) byte for byte on a fresh
 * connection, e.g. a POST with neither Content-Length nor a body, as `curl -X POST` sends it.
 * The reply must carry a Content-Length (the gateway's JSON replies do).
 */
export function sendRawHead(
  base: string,
  head: string,
): Promise<{ status: number; text: string; json: RawReply['json'] }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headers = all.subarray(0, end).toString('latin1');
      const length = Number(/^content-length:\s*(\d+)/im.exec(headers)?.[1] ?? NaN);
      if (all.length < end + 4 + length) return;
      socket.destroy();
      const text = all.subarray(end + 4, end + 4 + length).toString('utf8');
      let json: RawReply['json'];
      try {
        json = JSON.parse(text) as RawReply['json'];
      } catch {
        json = undefined;
      }
      resolve({ status: Number(headers.split(' ')[1]), text, json });
    });
    socket.write(`${head}\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`);
  });
}

// --- liveness checks of 00-common.md -----------------------------------------------------------

/** The known-good functions of 00-common.md and what they print. */
export const KNOWN_GOOD: Record<string, { file: string; output: string }> = {
  c: { file: 'hello.c', output: 'hello from c\n' },
  rust: { file: 'hello.rs', output: 'hello from rust\n' },
  go: { file: 'hello.go', output: 'hello from go\n' },
  js: { file: 'hello.js', output: 'hello from js\n' },
  python: { file: 'hello.py', output: 'hello from python\n' },
  php: { file: 'hello.php', output: 'hello from php\n' },
  html: { file: 'hello.html', output: '<h1>hello from html</h1>\n' },
};

export interface Liveness {
  canaryId: string;
  gatewayPid: number;
  /** Functions deployed before the case ran, with what each must still print. */
  earlier: Array<{ name: string; id: string; lang: string; output: string }>;
}

/**
 * Before a case: deploys the canary and the known-good function of each language the case uses,
 * checks that they answer, and records the gateway's pid.
 */
export async function prepareLiveness(stack: TestStack, langs: string[]): Promise<Liveness> {
  const canaryId = await deployFixture(stack, 'qa-canary', 'js', 'canary.js');
  const earlier: Liveness['earlier'] = [
    { name: 'qa-canary', id: canaryId, lang: 'js', output: 'alive\n' },
  ];
  for (const lang of langs) {
    const good = KNOWN_GOOD[lang];
    assert.ok(good, `a known-good function for ${lang}`);
    const name = `qa-before-${lang}`;
    earlier.push({
      name,
      id: await deployFixture(stack, name, lang, good.file),
      lang,
      output: good.output,
    });
  }
  for (const fn of earlier) {
    const ran = await invoke(stack.url, fn.id);
    assert.equal(ran.body.output, fn.output, `before the case, ${fn.name}: ${show(ran)}`);
  }
  return { canaryId, gatewayPid: gatewayPid(stack), earlier };
}

/**
 * Registers the closing liveness checks of 00-common.md as tests: the canary answers `alive\n`
 * within 1 s; a known-good function of each language (deployed now and before) works; the
 * gateway kept its pid; and every function deployed before the case is still listed and invokes.
 */
export function itStaysAlive(
  getStack: () => TestStack,
  getLiveness: () => Liveness,
  langs: string[],
): void {
  it('still answers the canary with alive\\n within 1 s afterwards', async () => {
    const stack = getStack();
    const { value: ran, elapsedMs } = await timed(() => invoke(stack.url, getLiveness().canaryId));
    assert.equal(ran.status, 200, show(ran));
    assert.equal(ran.body.ok, true, show(ran));
    assert.equal(ran.body.output, 'alive\n', show(ran));
    assert.ok(elapsedMs < 1000, `canary took ${Math.round(elapsedMs)} ms`);
  });

  it(`still runs a known-good function of the same language (${langs.join(', ')}) afterwards`, async () => {
    const stack = getStack();
    for (const lang of langs) {
      const good = KNOWN_GOOD[lang];
      assert.ok(good);
      const id = await deployFixture(stack, `qa-after-${lang}`, lang, good.file);
      const ran = await invoke(stack.url, id);
      assert.equal(ran.status, 200, `${lang}: ${show(ran)}`);
      assert.equal(ran.body.output, good.output, `${lang}: ${show(ran)}`);
    }
  });

  it('keeps the same gateway process and every function deployed before the case', async () => {
    const stack = getStack();
    const liveness = getLiveness();
    assert.equal(gatewayPid(stack), liveness.gatewayPid, 'the gateway was restarted');
    for (const fn of liveness.earlier) {
      const listed = await request(`${stack.url}/function/${fn.name}`);
      assert.equal(listed.status, 200, `GET /function/${fn.name}: ${show(listed)}`);
      assert.equal(listed.body.id, fn.id, `GET /function/${fn.name}`);
      const ran = await invoke(stack.url, fn.id);
      assert.equal(ran.status, 200, `${fn.name}: ${show(ran)}`);
      assert.equal(ran.body.output, fn.output, `${fn.name}: ${show(ran)}`);
    }
  });
}
