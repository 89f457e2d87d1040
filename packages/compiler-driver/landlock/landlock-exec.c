/*
 * minifaas-landlock: runs a command that may touch only the files beneath the paths it is given,
 * using the kernel's Landlock LSM (Linux 5.13+). Unlike bubblewrap it needs no namespaces and no
 * privilege, so it works inside a default Docker container, where the gateway's compilers would
 * otherwise read every file the gateway can (other functions' variables among them) and native
 * functions every world-readable file of the worker's image. Both images build it from here
 * (compiler-driver's `landlock` mode, the worker's `uid+landlock`).
 *
 *   minifaas-landlock [--oom-score-adj N] [--ro PATH]... [--rw PATH]... -- COMMAND [ARG]...
 *
 * --ro: read and execute beneath PATH; --rw: everything beneath PATH. A PATH that does not exist
 * is skipped. --oom-score-adj: set first (raising it needs no privilege), so that when the
 * container runs out of memory the kernel kills this command and its children before the service
 * that started it. Landlock also keeps the command from ptrace-ing or reading /proc/PID/environ of any
 * process outside its domain. Exit 125 when the restriction cannot be applied (nothing is run).
 *
 * Build: cc -O2 -o minifaas-landlock landlock-exec.c (needs linux/landlock.h, Linux 5.13 headers).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define EXIT_SETUP 125

/* Debian 12's headers are Linux 6.1's; ABI 3 (Linux 6.2) added this right. */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

/* Rights of Landlock ABI 1, then what ABI 2 (REFER) and 3 (TRUNCATE) added. */
#define FS_V1                                                                                    \
  (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE |     \
   LANDLOCK_ACCESS_FS_READ_DIR | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |  \
   LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |      \
   LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |   \
   LANDLOCK_ACCESS_FS_MAKE_SYM)
#define FS_READ (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
/* What a rule on a file (not a directory) may grant. */
#define FS_FILE                                                                                  \
  (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE |     \
   LANDLOCK_ACCESS_FS_TRUNCATE)

static int usage(void) {
  fprintf(stderr, "usage: minifaas-landlock [--oom-score-adj N] [--ro PATH]... [--rw PATH]... -- COMMAND [ARG]...\n");
  return EXIT_SETUP;
}

static int add_rule(int ruleset, const char *path, __u64 access, __u64 handled) {
  int fd = open(path, O_PATH | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? 0 : -1;
  struct stat st;
  if (fstat(fd, &st) < 0) {
    close(fd);
    return -1;
  }
  struct landlock_path_beneath_attr rule = {
    .allowed_access = (S_ISDIR(st.st_mode) ? access : access & FS_FILE) & handled,
    .parent_fd = fd,
  };
  long added = syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
  close(fd);
  return added < 0 ? -1 : 0;
}

int main(int argc, char **argv) {
  long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
  if (abi < 1) {
    fprintf(stderr, "minifaas-landlock: Landlock is not available: %s\n", strerror(errno));
    return EXIT_SETUP;
  }
  __u64 handled = FS_V1;
  if (abi >= 2) handled |= LANDLOCK_ACCESS_FS_REFER;
  if (abi >= 3) handled |= LANDLOCK_ACCESS_FS_TRUNCATE;
  struct landlock_ruleset_attr attr = { .handled_access_fs = handled };
  int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
  if (ruleset < 0) {
    fprintf(stderr, "minifaas-landlock: cannot create a ruleset: %s\n", strerror(errno));
    return EXIT_SETUP;
  }

  int i = 1;
  for (; i < argc && strcmp(argv[i], "--") != 0; i += 2) {
    if (i + 1 >= argc) return usage();
    if (strcmp(argv[i], "--oom-score-adj") == 0) {
      int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
      if (fd < 0 || write(fd, argv[i + 1], strlen(argv[i + 1])) < 0) {
        fprintf(stderr, "minifaas-landlock: cannot set oom_score_adj: %s\n", strerror(errno));
        return EXIT_SETUP;
      }
      close(fd);
      continue;
    }
    __u64 access;
    if (strcmp(argv[i], "--ro") == 0) access = FS_READ;
    else if (strcmp(argv[i], "--rw") == 0) access = handled;
    else return usage();
    if (add_rule(ruleset, argv[i + 1], access, handled) < 0) {
      fprintf(stderr, "minifaas-landlock: cannot allow %s: %s\n", argv[i + 1], strerror(errno));
      return EXIT_SETUP;
    }
  }
  if (i + 1 >= argc) return usage();

  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || syscall(SYS_landlock_restrict_self, ruleset, 0) < 0) {
    fprintf(stderr, "minifaas-landlock: cannot restrict this process: %s\n", strerror(errno));
    return EXIT_SETUP;
  }
  close(ruleset);
  execvp(argv[i + 1], &argv[i + 1]);
  fprintf(stderr, "minifaas-landlock: cannot run %s: %s\n", argv[i + 1], strerror(errno));
  return 127;
}
