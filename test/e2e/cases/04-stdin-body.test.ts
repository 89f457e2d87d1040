// Case 04 (docs: /work/shared/cases/04-stdin-body.md): the request body reaches a wasm and a python
// function byte for byte on stdin, and no body at all is an immediate EOF, not a hang.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { invoke, startTestStack, type TestStack } from '../harness.js';
import {
  deployFixture,
  expectAll,
  itStaysAlive,
  MiB,
  prepareLiveness,
  sendRawHead,
  show,
  timed,
  type Liveness,
} from './case-helpers.js';

const TIMEOUT_MS = 5000;

/** The 1 MiB body of 04-make-body.py: byte i is (i * 7 + 3) mod 256. */
const BINARY_BODY = Buffer.from(Array.from({ length: MiB }, (_, i) => (i * 7 + 3) % 256));

/** Exact outputs from the case's table, for the small body, no body and the 1 MiB body. */
const EXPECTED = {
  c: {
    file: '04-stdin-body.c',
    small: 'bytes=12 lines=2 sum=67435e30\n',
    none: 'bytes=0 lines=0 sum=00000000\n',
    binary: 'bytes=1048576 lines=4096 sum=6ef80000\n',
  },
  python: {
    file: '04-stdin-body.py',
    small: '12 4a1e67f2fe1d1cc7b31d0ca2ec441da4778203a036a77da10344c85e24ff0f92\n',
    none: '0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n',
    binary: '1048576 172c15dc2e12b50e523d8e657cbe7fbb11c1053252bbf1e1431077d57d8128fd\n',
  },
} as const;

describe('case 04: the request body is stdin, exactly, with EOF at its end', () => {
  let stack: TestStack;
  let liveness: Liveness;
  const ids = new Map<string, string>();

  before(async () => {
    stack = await startTestStack({ env: { FAAS_TIMEOUT_MS: String(TIMEOUT_MS) } });
    liveness = await prepareLiveness(stack, ['c', 'python']);
    for (const [lang, expected] of Object.entries(EXPECTED)) {
      ids.set(lang, await deployFixture(stack, `qa-stdin-${lang}`, lang, expected.file));
    }
  });
  after(async () => {
    await stack?.destroy();
  });

  for (const [lang, expected] of Object.entries(EXPECTED)) {
    describe(`${lang} (${expected.file})`, () => {
      it('reads a small body with newlines exactly', async () => {
        const reply = await invoke(stack.url, String(ids.get(lang)), 'hello\nworld\n');
        assert.equal(reply.status, 200, show(reply));
        assert.equal(reply.body.output, expected.small, show(reply));
      });

      it('gets an immediate EOF when the request has an empty body (Content-Length: 0)', async () => {
        const { value: reply, elapsedMs } = await timed(() =>
          invoke(stack.url, String(ids.get(lang))),
        );
        expectAll(`${show(reply)} after ${Math.round(elapsedMs)} ms`, [
          [reply.status === 200, 'HTTP 200'],
          [reply.body.output === expected.none, `output ${JSON.stringify(expected.none)}`],
          [elapsedMs < 1000, 'answered in under 1 s'],
        ]);
      });

      it('gets an immediate EOF when the request has no body and no Content-Length (curl -X POST)', async () => {
        const head = `POST /invoke?fn=${encodeURIComponent(String(ids.get(lang)))} HTTP/1.1`;
        const { value: reply, elapsedMs } = await timed(() => sendRawHead(stack.url, head));
        expectAll(
          `HTTP ${reply.status} ${reply.text.slice(0, 300)} after ${Math.round(elapsedMs)} ms`,
          [
            [reply.status === 200, 'HTTP 200'],
            [reply.json?.output === expected.none, `output ${JSON.stringify(expected.none)}`],
            [elapsedMs < 1000, 'answered in under 1 s'],
          ],
        );
      });

      it('reads a 1 MiB binary body byte for byte', async () => {
        const reply = await invoke(stack.url, String(ids.get(lang)), BINARY_BODY);
        assert.equal(reply.status, 200, show(reply));
        assert.equal(reply.body.output, expected.binary, show(reply));
      });
    });
  }

  itStaysAlive(
    () => stack,
    () => liveness,
    ['c', 'python'],
  );
});
