<?php
// Reads a name on stdin and greets it; with no input it greets FAAS.
$name = rtrim(stream_get_contents(STDIN), "\r\n");
echo $name === '' ? "Hello from FAAS!\n" : "Hello, $name! (from PHP)\n";
