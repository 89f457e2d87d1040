import { spawn } from 'node:child_process';
import { summarize, type LatencySummary } from './stats.js';

export interface SpawnFigures {
  command: string;
  samples: number;
  latency: LatencySummary;
  failures: number;
}

/** Runs `command args` `samples` times one after the other, timing each from spawn to exit. */
export async function timeSpawns(command: string, args: string[], stdin: string, samples: number): Promise<SpawnFigures> {
  const latenciesMs: number[] = [];
  let failures = 0;
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const code = await spawnOnce(command, args, stdin);
    latenciesMs.push(performance.now() - started);
    if (code !== 0) failures++;
  }
  return { command: [command, ...args].join(' '), samples, latency: summarize(latenciesMs), failures };
}

function spawnOnce(command: string, args: string[], stdin: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', () => resolve(-1));
    child.on('exit', (code) => resolve(code));
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}
