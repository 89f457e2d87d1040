import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidFunctionId, isValidFunctionName } from '../src/names.js';
import { resolveLanguage } from '../src/languages.js';

describe('function names', () => {
  it('accepts letters, digits, _ and - up to 63 characters', () => {
    for (const name of ['hello', 'a', 'Hello_World-2', '9lives', 'x'.repeat(63)]) assert.ok(isValidFunctionName(name), name);
  });

  it('rejects anything that could reach a path or a shell', () => {
    const bad = ['', '../etc', 'a/b', '.hidden', '-dash', '_under', 'a b', 'a\0b', 'a;rm', '$(id)', 'héllo', 'x'.repeat(64), 'a.b', 'a\nb'];
    for (const name of bad) assert.ok(!isValidFunctionName(name), JSON.stringify(name));
  });

  it('recognises ids made of a name and a Unix time', () => {
    assert.ok(isValidFunctionId('hello_1760055556'));
    assert.ok(isValidFunctionId('hello_1760055556_2'));
    assert.ok(!isValidFunctionId('hello'));
    assert.ok(!isValidFunctionId('../hello_1760055556'));
  });
});

describe('languages', () => {
  it('maps every alias to its language, ignoring case', () => {
    const table: Record<string, string> = { c: 'c', rs: 'rust', Rust: 'rust', golang: 'go', javascript: 'js', node: 'js', py: 'python', PHP: 'php', htm: 'html' };
    for (const [alias, lang] of Object.entries(table)) assert.equal(resolveLanguage(alias), lang, alias);
  });

  it('knows no other language', () => {
    for (const lang of ['cobol', '', 'c++', 'constructor', '__proto__', 'toString']) assert.equal(resolveLanguage(lang), undefined, lang);
  });
});
