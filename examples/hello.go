// Reads a name on stdin and greets it; with no input it greets FAAS.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	input, _ := io.ReadAll(os.Stdin)
	name := strings.TrimRight(string(input), "\r\n")
	if name == "" {
		fmt.Println("Hello from FAAS!")
	} else {
		fmt.Printf("Hello, %s! (from Go)\n", name)
	}
}
