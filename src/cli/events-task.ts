// The worker side of `events` on a large .evtx (events-output.ts): one range of chunks read, filtered,
// redacted (secrets; the remembering redactor, as in this thread) and rendered, handed back as the
// UTF-8 bytes to write.
import { readRangeEvents, type EvtxRangeBase, type EvtxRangeResult } from '../evidence/readers/evtx/parallel.js';
import { filterOf, renderer, rememberingRedactor, type EventsFormat, type FilterSpec } from './events-output.js';

export interface EventsRenderTask extends EvtxRangeBase {
  kind: 'events-render';
  from: number;
  count: number;
  format: EventsFormat;
  filter: FilterSpec;
}

let redactorOfThread: import('../redact/index.js').Redactor | undefined;

export async function runEventsRender(task: EventsRenderTask): Promise<EvtxRangeResult<Uint8Array>> {
  const { createRedactor, isSecretKeyName, REDACTED } = await import('../redact/index.js');
  const { matches } = await import('./events.js');
  // One per thread, kept across tasks: what it remembers serves the whole file.
  redactorOfThread ??= rememberingRedactor(createRedactor({ identities: false }), isSecretKeyName, REDACTED);
  const r = redactorOfThread;
  const render = await renderer(task.format);
  const filter = filterOf(task.filter);
  const providers = filter.providers;
  const lines: string[] = [];
  const res = await readRangeEvents(task, task.from, task.count, providers ? { keepProvider: (p) => providers.has(p.toLowerCase()) } : undefined, (ev) => {
    if (matches(ev, filter)) lines.push(render(r, ev), '\n');
  });
  return { output: Buffer.from(lines.join('')), ...res };
}
