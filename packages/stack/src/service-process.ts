import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServiceSpec {
  /** Short name for logs and the banner: gateway, dispatcher, load-balancer, worker-1. */
  name: string;
  /** Node arguments: the service's entry file, with any flags before it. */
  args: string[];
  env: Record<string, string | undefined>;
  cwd: string;
}

/**
 * One service as a child process. Its log lines (JSON on stderr) are passed on to `onLine`, so
 * the launcher can show them and read the gateway's listening address.
 */
export class ServiceProcess {
  readonly spec: ServiceSpec;
  child: ChildProcess | undefined;
  /** The last lines it logged, for error messages when it fails to start. */
  readonly recentLines: string[] = [];
  #expectedExit = false;
  #onLine: (spec: ServiceSpec, line: string) => void;
  #onUnexpectedExit: (service: ServiceProcess, code: number | null, signal: string | null) => void;

  constructor(
    spec: ServiceSpec,
    onLine: (spec: ServiceSpec, line: string) => void,
    onUnexpectedExit: (service: ServiceProcess, code: number | null, signal: string | null) => void,
  ) {
    this.spec = spec;
    this.#onLine = onLine;
    this.#onUnexpectedExit = onUnexpectedExit;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    this.#expectedExit = false;
    const child = spawn(process.execPath, this.spec.args, {
      cwd: this.spec.cwd,
      env: this.spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.recentLines.push(line);
        if (this.recentLines.length > 15) this.recentLines.shift();
        this.#onLine(this.spec, line);
      });
    }
    child.on('exit', (code, signal) => {
      if (!this.#expectedExit) this.#onUnexpectedExit(this, code, signal);
    });
  }

  /** SIGTERM, then SIGKILL after graceMs; resolves when the process is gone. */
  async stop(graceMs: number): Promise<void> {
    const child = this.child;
    this.#expectedExit = true;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
