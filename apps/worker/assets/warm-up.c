// The worker's warm-up function (apps/worker/src/warm-up-module.ts). A worker runs it a few times
// at start, so a C, Rust or Go function's first call does not pay for what any real WASI program
// exercises the first time: stdio through wasi-libc, malloc growing the memory, data segments.
// Rebuild warm-up.wasm after a change: pnpm --filter @minifaas/worker build:warm-up
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    char line[256];
    size_t n = fread(line, 1, sizeof line - 1, stdin);
    line[n] = '\0';
    char *copy = malloc(256 * 1024);
    if (copy == NULL) return 1;
    memcpy(copy, line, n + 1);
    printf("warm-up: %s (%zu bytes)\n", copy, n);
    fprintf(stderr, "warm-up: stderr\n");
    free(copy);
    return 0;
}
