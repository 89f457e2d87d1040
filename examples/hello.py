# Reads a name on stdin and greets it; with no input it greets FAAS.
import sys

name = sys.stdin.read().rstrip("\r\n")
print(f"Hello, {name}! (from Python)" if name else "Hello from FAAS!")
