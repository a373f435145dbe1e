// A small pool of worker threads (node:worker_threads) running worker.ts (this folder): tasks in, results out, in
// the order each finishes. Each worker runs one task at a time, and its V8 heap is capped, so memory
// is bounded per worker whatever the inputs (the readers stream; the cap only catches a runaway).
// When the built worker is not there (the sources run under vitest), tasks run in this thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';

/** Heap cap of one worker (old generation, MB): far above what streaming needs, far below the machine. */
export const WORKER_HEAP_MB = 384;

export interface Pool<T, R> {
  readonly size: number;
  readonly threads: boolean;
  run(task: T): Promise<R>;
  close(): Promise<void>;
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

interface Pending<T, R> {
  task: T;
  resolve(r: R): void;
  reject(e: unknown): void;
}

/**
 * `inline` runs a task in this thread; it is used when threads are off (size 1) or the worker file
 * is missing. `workerFile` is the built worker module (dist/…/worker.js).
 */
export function createPool<T, R>(size: number, workerFile: URL, inline: (task: T) => Promise<R>): Pool<T, R> {
  const useThreads = size > 1 && existsSync(fileURLToPath(workerFile));
  if (!useThreads) {
    return { size: 1, threads: false, run: inline, close: async () => undefined };
  }
  const queue: Pending<T, R>[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending<T, R>>();
  const all: Worker[] = [];
  let WorkerCtor: typeof Worker | undefined;
  let closed = false;

  const spawn = async (): Promise<Worker> => {
    WorkerCtor ??= (await import('node:worker_threads')).Worker;
    const w = new WorkerCtor(workerFile, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }, stdout: false, stderr: false });
    all.push(w);
    w.on('message', (msg: { ok: boolean; result?: R; error?: string; code?: string }) => {
      const p = busy.get(w);
      busy.delete(w);
      if (p) {
        if (msg.ok) p.resolve(msg.result as R);
        else p.reject(Object.assign(new Error(msg.error ?? 'worker failed'), msg.code ? { code: msg.code } : {}));
      }
      idle.push(w);
      pump();
    });
    const fail = (err: unknown) => {
      const p = busy.get(w);
      busy.delete(w);
      const i = all.indexOf(w);
      if (i >= 0) all.splice(i, 1);
      const j = idle.indexOf(w);
      if (j >= 0) idle.splice(j, 1);
      // A worker that died (its heap cap, a crash) fails its task only; a new one takes the rest.
      p?.reject(err instanceof Error ? err : new Error(String(err)));
      if (!closed && (queue.length > 0 || busy.size > 0)) void spawn().then((nw) => {
        idle.push(nw);
        pump();
      });
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      if (!closed && code !== 0) fail(new Error(`worker stopped (exit ${code})`));
    });
    return w;
  };

  const pump = () => {
    while (idle.length > 0 && queue.length > 0) {
      const w = idle.pop()!;
      const p = queue.shift()!;
      busy.set(w, p);
      w.postMessage(p.task);
    }
  };

  let started: Promise<void> | null = null;
  const start = () =>
    (started ??= Promise.all(Array.from({ length: size }, () => spawn())).then((ws) => {
      idle.push(...ws);
    }));

  return {
    size,
    threads: true,
    run(task: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ task, resolve, reject });
        void start().then(pump, reject);
      });
    },
    async close() {
      closed = true;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

/** The built worker module beside this one. */
export const WORKER_FILE = new URL('./worker.js', import.meta.url);
