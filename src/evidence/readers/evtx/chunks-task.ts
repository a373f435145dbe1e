// The worker side of analyze's parallel .evtx read (parallel.ts): one range of chunks, only the Azure
// AD Connect providers' records read (the others counted), their events handed back.
import type { WinEvent } from '../../types.js';
import { isRelevantProvider } from '../../relevance.js';
import { readRangeEvents, type EvtxRangeBase, type EvtxRangeResult } from './parallel.js';

export interface EvtxChunksTask extends EvtxRangeBase {
  kind: 'evtx-chunks';
  from: number;
  count: number;
}

export async function runEvtxChunks(task: EvtxChunksTask): Promise<EvtxRangeResult<WinEvent[]>> {
  const events: WinEvent[] = [];
  const r = await readRangeEvents(task, task.from, task.count, { keepProvider: isRelevantProvider }, (ev) => events.push(ev));
  return { output: events, ...r };
}
