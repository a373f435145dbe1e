// The worker thread of src/parallel/pool.ts: runs the tasks it is sent, one at a time, and answers
// each with { ok, result } or { ok: false, error }. Each kind of task loads only its own modules.
import { parentPort } from 'node:worker_threads';

interface Message {
  kind: string;
}

async function run(task: Message): Promise<unknown> {
  switch (task.kind) {
    case 'alone':
    case 'together': {
      const { runTask } = await import('../fleet/tasks.js');
      return runTask(task as Parameters<typeof runTask>[0]);
    }
    case 'evtx-chunks': {
      const { runEvtxChunks } = await import('../evidence/readers/evtx/chunks-task.js');
      return runEvtxChunks(task as Parameters<typeof runEvtxChunks>[0]);
    }
    case 'events-render': {
      const { runEventsRender } = await import('../cli/events-task.js');
      return runEventsRender(task as Parameters<typeof runEventsRender>[0]);
    }
    default:
      throw new Error(`unknown task ${task.kind}`);
  }
}

parentPort?.on('message', (task: Message) => {
  run(task).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (err: unknown) => {
      const e = err as NodeJS.ErrnoException;
      parentPort!.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err), ...(typeof e?.code === 'string' ? { code: e.code } : {}) });
    },
  );
});
