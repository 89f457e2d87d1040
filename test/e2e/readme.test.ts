import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { ROOT, startTestStack, type TestStack } from './harness.js';

/** The curl lines of the README's quick tour, each with the output the README promises. */
function readmeSteps(): Array<{ command: string; expect?: string }> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- readme-test:start -->([\s\S]*?)<!-- readme-test:end -->/.exec(readme)?.[1];
  assert.ok(block, 'README.md has no readme-test block');
  const steps: Array<{ command: string; expect?: string }> = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('curl ')) steps.push({ command: line });
    const promised = /^# → (.*)$/.exec(line)?.[1];
    const last = steps[steps.length - 1];
    if (promised && last) last.expect = promised;
  }
  return steps;
}

let stack: TestStack;
before(async () => {
  stack = await startTestStack();
});
after(async () => {
  await stack?.destroy();
});

it('runs every curl line of the README and gets what the README says', () => {
  const steps = readmeSteps();
  assert.ok(steps.length >= 15, `only ${steps.length} curl lines found`);
  for (const step of steps) {
    const command = step.command.replaceAll('http://127.0.0.1:8080', stack.url);
    const out = execFileSync('bash', ['-c', command], { cwd: ROOT, encoding: 'utf8' });
    const reply = JSON.parse(out) as { ok: boolean; output?: string };
    assert.equal(reply.ok, true, `${step.command}\n→ ${out}`);
    if (step.expect) assert.ok(reply.output?.includes(step.expect), `${step.command}\nexpected ${step.expect}\ngot ${reply.output}`);
  }
});
