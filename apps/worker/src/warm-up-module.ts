/**
 * A small WASI command, hand-assembled so the worker needs no toolchain for it:
 *
 *   (module
 *     (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
 *     (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
 *     (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fdstat (param i32 i32) (result i32)))
 *     (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
 *     (memory (export "memory") 1)
 *     (func (export "_start")
 *       (drop (call $fdstat (i32.const 1) (i32.const 32)))  ;; as libc's stdio does first
 *       (i32.store (i32.const 0) (i32.const 64))            ;; one iovec at 0: buffer at 64...
 *       (i32.store (i32.const 4) (i32.const 64))            ;; ...of 64 bytes
 *       (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
 *       (i32.store (i32.const 4) (i32.load (i32.const 8)))  ;; write back what was read
 *       (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)))
 *       (drop (call $write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 12)))
 *       (call $exit (i32.const 0))))
 *
 * It echoes up to 64 bytes of stdin to stdout and stderr and exits the way a C program does.
 * Running it makes @wasmer/sdk start its pool threads (each loads the SDK's own 4.7 MB runtime:
 * 150-300 ms on a 2-core machine) and compile the code behind these calls, which the first real
 * call would otherwise pay.
 */
export const WARM_UP_MODULE = new Uint8Array([
  // magic and version
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  // types: 0 (i32 i32 i32 i32) -> i32, 1 () -> (), 2 (i32 i32) -> i32, 3 (i32) -> ()
  0x01, 0x16, 0x04,
  0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f,
  0x60, 0x00, 0x00,
  0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f,
  0x60, 0x01, 0x7f, 0x00,
  // imports (functions 0-3)
  0x02, 0x8e, 0x01, 0x04,
  ...wasi('fd_read'), 0x00, 0x00,
  ...wasi('fd_write'), 0x00, 0x00,
  ...wasi('fd_fdstat_get'), 0x00, 0x02,
  ...wasi('proc_exit'), 0x00, 0x03,
  // functions: function 4, of type 1
  0x03, 0x02, 0x01, 0x01,
  // memory: one of 1 page
  0x05, 0x03, 0x01, 0x00, 0x01,
  // exports: "memory" (memory 0), "_start" (function 4)
  0x07, 0x13, 0x02, ...name('memory'), 0x02, 0x00, ...name('_start'), 0x00, 0x04,
  // code: one body of 72 bytes, no locals
  0x0a, 0x4a, 0x01, 0x48, 0x00,
  0x41, 0x01, 0x41, 0x20, 0x10, 0x02, 0x1a,
  0x41, 0x00, 0x41, 0xc0, 0x00, 0x36, 0x02, 0x00,
  0x41, 0x04, 0x41, 0xc0, 0x00, 0x36, 0x02, 0x00,
  0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0x41, 0x08, 0x10, 0x00, 0x1a,
  0x41, 0x04, 0x41, 0x08, 0x28, 0x02, 0x00, 0x36, 0x02, 0x00,
  0x41, 0x01, 0x41, 0x00, 0x41, 0x01, 0x41, 0x0c, 0x10, 0x01, 0x1a,
  0x41, 0x02, 0x41, 0x00, 0x41, 0x01, 0x41, 0x0c, 0x10, 0x01, 0x1a,
  0x41, 0x00, 0x10, 0x03,
  0x0b,
]);

/** A length-prefixed name, as the binary format writes names (all shorter than 128 bytes here). */
function name(text: string): number[] {
  return [text.length, ...[...text].map((c) => c.charCodeAt(0))];
}

function wasi(field: string): number[] {
  return [...name('wasi_snapshot_preview1'), ...name(field)];
}
