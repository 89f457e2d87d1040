import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageOf, nameOf, startSpinner, table } from '../src/index.js';

describe('CLI helpers', () => {
  it('guesses the language from the extension, whatever its case', () => {
    const guesses = ['a.c', 'b.rs', 'c.go', 'd.mjs', 'e.PY', 'f.php', 'g.htm', 'h.txt', 'noext'].map(languageOf);
    assert.deepEqual(guesses, ['c', 'rust', 'go', 'js', 'python', 'php', 'html', undefined, undefined]);
  });

  it('makes a valid function name from a file path', () => {
    assert.deepEqual(['examples/hello.c', './my file.v2.py', '/tmp/.hidden.js', '___.go'].map(nameOf), ['hello', 'my-file-v2', 'hidden', 'function']);
  });

  it('aligns table columns', () => {
    assert.equal(table(['A', 'LONG'], [['xyz', 1], ['q', 22]]), 'A    LONG\nxyz  1\nq    22');
  });

  it('draws a spinner on a terminal and erases it on stop, but stays silent on a pipe', () => {
    const terminal: string[] = [];
    const pipe: string[] = [];

    startSpinner({ isTTY: true, write: (s: string) => terminal.push(s) }, 'compiling').stop();
    startSpinner({ isTTY: false, write: (s: string) => pipe.push(s) }, 'compiling').stop();

    assert.match(terminal[0] ?? '', /^\r\S compiling \d+\.\ds$/);
    assert.equal(terminal[terminal.length - 1], '\r\x1b[2K');
    assert.deepEqual(pipe, []);
  });
});
