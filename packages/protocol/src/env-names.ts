/** What a variable name given to a function may look like (POSIX portable names). */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * Variables the C library, the dynamic loader or the locale code act on. A native run is started
 * through wrappers (setpriv as root, prlimit, bubblewrap) that inherit the run's environment, so
 * these could load code into a privileged process. The list is glibc's own for setuid programs
 * (sysdeps/generic/unsecvars.h) plus the locale variables.
 */
const LOADER_NAMES = new Set([
  'GCONV_PATH',
  'GETCONF_DIR',
  'GLIBC_TUNABLES',
  'HOSTALIASES',
  'LOCALDOMAIN',
  'LOCPATH',
  'NIS_PATH',
  'NLSPATH',
  'RESOLV_HOST_CONF',
  'RES_OPTIONS',
  'TZDIR',
  'LANG',
  'LANGUAGE',
]);
const LOADER_PREFIXES = ['LD_', 'MALLOC_', 'LC_'];

/** Set by the platform for every native run; a function cannot replace them. */
const PLATFORM_NAMES = new Set(['PATH', 'HOME', 'TMPDIR', 'PWD']);

/** Set by the HTTP trigger for each call (CGI/1.1 names), besides HTTP_*. */
export const CGI_NAMES = [
  'GATEWAY_INTERFACE',
  'SERVER_PROTOCOL',
  'SERVER_SOFTWARE',
  'REQUEST_METHOD',
  'REQUEST_URI',
  'SCRIPT_NAME',
  'PATH_INFO',
  'QUERY_STRING',
  'CONTENT_TYPE',
  'CONTENT_LENGTH',
  'REMOTE_ADDR',
  'INVOCATION_ID',
] as const;

/**
 * Why a variable name may never reach a guest (bad syntax, or one the loader acts on), or
 * undefined when it may. Checked on every hop that builds an environment.
 */
export function unsafeEnvName(name: string): string | undefined {
  if (!ENV_NAME_PATTERN.test(name)) return 'use letters, digits and _, not starting with a digit, at most 128';
  // Every hop keeps variables in plain objects, where this name sets the prototype instead.
  if (name === '__proto__') return 'JavaScript objects on the way would drop it';
  const upper = name.toUpperCase();
  if (LOADER_NAMES.has(upper) || LOADER_PREFIXES.some((p) => upper.startsWith(p))) {
    return 'the C library or the dynamic loader acts on it';
  }
  return undefined;
}

/**
 * Why a name cannot be one of a function's own variables given at deploy, or undefined when it
 * can: besides unsafe names, the platform's and the HTTP trigger's own are reserved.
 */
export function reservedEnvName(name: string): string | undefined {
  const unsafe = unsafeEnvName(name);
  if (unsafe) return unsafe;
  const upper = name.toUpperCase();
  if (PLATFORM_NAMES.has(upper)) return 'the platform sets it';
  if ((CGI_NAMES as readonly string[]).includes(upper) || upper.startsWith('HTTP_')) return 'the HTTP trigger sets it';
  if (upper.startsWith('FAAS_')) return 'FAAS_ names belong to the platform';
  return undefined;
}
