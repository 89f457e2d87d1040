/**
 * The command's own arguments. `pnpm load -- --fn x` passes the `--` on to the script, and
 * util.parseArgs would read everything after it as positionals, so a leading `--` is dropped.
 */
export function cliArgs(argv: readonly string[] = process.argv.slice(2)): string[] {
  return argv[0] === '--' ? argv.slice(1) : [...argv];
}
