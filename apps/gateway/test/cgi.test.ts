import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCgiOutput } from '../src/cgi.js';

const parse = (text: string) => {
  const reply = parseCgiOutput(Buffer.from(text));
  return { ...reply, body: reply.body.toString() };
};

describe('parseCgiOutput', () => {
  it('takes plain output as a text/plain body', () => {
    assert.deepEqual(parse('Hello\n\nWorld'), { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Hello\n\nWorld' });
  });

  it('reads a header block ended by an empty line, with LF or CRLF', () => {
    assert.deepEqual(parse('Content-Type: text/html\n\n<p>x</p>'), { status: 200, headers: { 'content-type': 'text/html' }, body: '<p>x</p>' });
    assert.equal(parse('content-type: text/csv\r\n\r\na,b').body, 'a,b');
  });

  it('answers 302 for a Location without a Status, and the given Status otherwise', () => {
    assert.equal(parse('Location: /fn/other\n\n').status, 302);
    assert.equal(parse('Status: 201 Created\nLocation: /x\n\n').status, 201);
  });

  it('ignores an out-of-range Status and headers it does not allow', () => {
    const reply = parse('Status: 999\nContent-Type: text/plain\nSet-Cookie: a=b\n\nbody');
    assert.equal(reply.status, 200);
    assert.deepEqual(Object.keys(reply.headers), ['content-type']);
  });

  it('keeps everything as body when the block is malformed or never ends', () => {
    assert.equal(parse('Content-Type: text/html\nnot a header\n\nbody').body, 'Content-Type: text/html\nnot a header\n\nbody');
    assert.equal(parse('Content-Type: text/html\nbody').headers['content-type'], 'text/plain; charset=utf-8');
  });
});
