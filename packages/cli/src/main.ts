import { fileURLToPath } from 'node:url';
import { runCli } from './program.js';

// packages/cli/dist/main.js → the repository root, where scripts/ and packages/bench live.
const rootDir = fileURLToPath(new URL('../../..', import.meta.url));
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  rootDir,
});
