import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * One full garbage collection once the current task has finished (the frames that made the
 * garbage still hold it until then). For the few moments of a start that leave hundreds of
 * megabytes behind at once — PGlite's `initdb`, the demo seed — which V8 does not otherwise
 * collect soon: a WebAssembly memory is not counted as pressure on its heap (issue 21,
 * docs/performance.md, "First start"). Node gives `gc` to a new context once the flag is set.
 */
export async function collectGarbageSoon(): Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('typeof gc === "function" ? gc : undefined') as
    (() => void) | undefined;
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc?.(); // a runtime without it only keeps the memory longer
}
