import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { deploy, invoke, request, startTarget, type Target } from './harness.js';

describe('isolation of functions', () => {
  let target: Target;
  before(async () => {
    target = await startTarget({ workers: 2 });
  });
  after(async () => {
    await target?.destroy();
  });

  const run = async (name: string, lang: string, source: string, stdin?: string) => {
    const deployed = await deploy(target.url, name, lang, source);
    assert.equal(deployed.status, 201, JSON.stringify(deployed.body));
    return invoke(target.url, name, stdin);
  };

  it('runs a native function under an unprivileged uid of its own that cannot read host secrets', async () => {
    const ran = await run('whoami', 'python', [
      'import os',
      'print(os.getuid() != 0, os.getuid() >= 200000)',
      'try:\n    open("/etc/shadow").read()\n    print("shadow readable")\nexcept OSError:\n    print("shadow hidden")',
      'print(os.path.exists(os.path.expanduser("~root")), os.getcwd())',
    ].join('\n'));
    // Locally (uid+bwrap) the run sees only /usr and its run dir at /work. A worker container has
    // no user namespaces for bwrap (containment `uid+landlock`): Landlock refuses /etc/passwd, so
    // `~root` does not expand, and the run dir is a fresh one under the container's /tmp.
    const expected = target.kind === 'local' ? /^True True\nshadow hidden\nFalse \/work\n$/ : /^True True\nshadow hidden\nFalse \/tmp\/[^/\n]+\n$/;
    assert.match(String(ran.body.output), expected, JSON.stringify(ran.body));
  });

  it('shows a native function none of the system\'s own files, world-readable ones included', async () => {
    const ran = await run('sysfiles', 'python', [
      'for path in ("/etc/passwd", "/etc/hostname", "/app/package.json"):',
      '    try:',
      '        open(path).read(); print(path, "read")',
      '    except OSError:',
      '        print(path, "hidden")',
    ].join('\n'));
    assert.equal(ran.body.output, '/etc/passwd hidden\n/etc/hostname hidden\n/app/package.json hidden\n', JSON.stringify(ran.body));
  });

  it('keeps other functions\' stored code and a run\'s leftovers in shared folders from the next runs', async () => {
    const source = [
      'import os, sys',
      'if sys.stdin.read() == "write":',
      '    for d in ("/tmp", "/dev/shm"):',
      '        try:',
      '            with open(d + "/minifaas-leftover", "w") as f: f.write("secret of the last run")',
      '            os.chmod(d + "/minifaas-leftover", 0o644)',
      '        except OSError: pass',
      '    print("written")',
      'else:',
      '    print([os.path.exists(d + "/minifaas-leftover") for d in ("/tmp", "/dev/shm")])',
      `    try: os.listdir(${JSON.stringify(target.dataDir)}); print("data listed")`,
      '    except OSError: print("data hidden")',
    ].join('\n');
    assert.equal((await run('leftover', 'python', source, 'write')).body.output, 'written\n');
    // Two workers: the next two calls reach both, the one that ran the writer among them.
    for (let i = 0; i < 2; i++) {
      const read = await invoke(target.url, 'leftover', 'read');
      assert.equal(read.body.output, '[False, False]\ndata hidden\n', JSON.stringify(read.body));
    }
  });

  it('keeps a compiler from pulling another function\'s stored variables into a build or its messages', async () => {
    const secret = 'isolation-secret-9e4f';
    const holder = await request(`${target.url}/deploy?name=holder&lang=python`, {
      method: 'POST',
      headers: { 'x-function-env': JSON.stringify({ API_KEY: secret }) },
      body: 'print(1)',
    });
    assert.equal(holder.status, 201, JSON.stringify(holder.body));
    const envFile = `${target.dataDir}/functions/${String(holder.body.id)}/env.json`;
    for (const [lang, source] of [
      ['c', `#include "${envFile}"\nint main(void) { return 0; }\n`],
      ['c', `int main(void) { return 0; }\n__asm__(".incbin \\"${envFile}\\"");\n`],
      ['rust', `fn main() { compile_error!(include_str!("${envFile}")); }\n`],
    ] as const) {
      const deployed = await deploy(target.url, 'thief', lang, source);
      assert.equal(deployed.status, 422, `${source}: ${JSON.stringify(deployed.body)}`);
      assert.ok(!JSON.stringify(deployed.body).includes(secret), `${source}: the secret came back`);
    }
  });

  it('gives a native function no network', async () => {
    const ran = await run('net', 'python', [
      'import socket',
      'try:\n    socket.create_connection(("127.0.0.1", 80), timeout=1)\n    print("connected")\nexcept OSError as e:\n    print("no network")',
    ].join('\n'));
    assert.equal(ran.body.output, 'no network\n');
  });

  it('caps the processes a native function may start', async () => {
    const ran = await run('forker', 'python', [
      'import subprocess',
      'procs = []',
      'try:',
      '    for i in range(200):',
      '        procs.append(subprocess.Popen(["sleep", "5"]))',
      '    print("started", len(procs))',
      'except OSError as e:',
      '    print("refused after", len(procs))',
    ].join('\n'));
    assert.match(String(ran.body.output), /^refused after \d+\n$/);
    assert.ok(Number(/\d+/.exec(String(ran.body.output))?.[0]) < 64);
  });

  it('leaves no process behind when a function daemonises a grandchild', async () => {
    const marker = `${31400 + Math.floor(Math.random() * 90)}.5`;
    const ran = await run('orphan', 'python', [
      'import os, subprocess',
      `subprocess.Popen(["sleep", "${marker}"], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)`,
      'print("left one behind")',
    ].join('\n'));
    assert.equal(ran.body.output, 'left one behind\n');
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    assert.ok(!processes.includes(`sleep ${marker}`), 'the daemonised sleep is still running');
  });

  it('gives a WASM guest an empty environment and a scratch /tmp that starts empty on every call', async () => {
    const source = [
      '#include <stdio.h>',
      '#include <stdlib.h>',
      'extern char **environ;',
      'int main(void) {',
      '  int n = 0; for (char **e = environ; *e; e++) n++;',
      '  FILE *f = fopen("/tmp/left.txt", "r"); printf("env=%d before=%s\\n", n, f ? "yes" : "no");',
      '  f = fopen("/tmp/left.txt", "w"); if (f) { fputs("x", f); fclose(f); }',
      '  return 0;',
      '}',
    ].join('\n');
    const first = await run('scratch', 'c', source);
    assert.equal(first.body.output, 'env=0 before=no\n');
    for (let i = 0; i < 3; i++) assert.equal((await invoke(target.url, 'scratch')).body.output, 'env=0 before=no\n');
  });

  it('shows a WASM guest no host directory', async () => {
    const ran = await run('ls-root', 'c', [
      '#include <stdio.h>',
      '#include <dirent.h>',
      'int main(void) {',
      '  const char *paths[] = {"/etc/passwd", "/home", "/root", "/proc/self/environ"};',
      '  for (int i = 0; i < 4; i++) { FILE *f = fopen(paths[i], "r"); DIR *d = opendir(paths[i]); printf("%s:%s ", paths[i], (f || d) ? "seen" : "hidden"); }',
      '  return 0;',
      '}',
    ].join('\n'));
    assert.equal(ran.body.output, '/etc/passwd:hidden /home:hidden /root:hidden /proc/self/environ:hidden ');
  });
});
