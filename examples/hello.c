// Reads a name on stdin and greets it; with no input it greets FAAS.
#include <stdio.h>
#include <string.h>

int main(void) {
    char name[256];
    size_t n = fread(name, 1, sizeof name - 1, stdin);
    while (n > 0 && (name[n - 1] == '\n' || name[n - 1] == '\r')) n--;
    name[n] = '\0';
    if (n == 0) printf("Hello from FAAS!\n");
    else printf("Hello, %s! (from C)\n", name);
    return 0;
}
