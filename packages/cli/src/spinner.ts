const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 80;

interface TtyLike {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

/**
 * A one-line progress indicator with the elapsed seconds, on a terminal only: written to a pipe
 * or a file it stays silent, so scripts read clean output. `stop()` erases the line.
 */
export function startSpinner(stream: TtyLike, text: string): { stop(): void } {
  if (!stream.isTTY) return { stop: () => undefined };
  const started = Date.now();
  let frame = 0;
  const draw = () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${text} ${seconds}s`);
  };
  draw();
  const timer = setInterval(draw, FRAME_MS);
  return {
    stop() {
      clearInterval(timer);
      stream.write('\r\x1b[2K');
    },
  };
}
