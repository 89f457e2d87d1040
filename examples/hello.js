// Reads a name on stdin and greets it; with no input it greets FAAS.
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const name = Buffer.concat(chunks).toString('utf8').replace(/[\r\n]+$/, '');
  console.log(name ? `Hello, ${name}! (from JavaScript)` : 'Hello from FAAS!');
});
