// The public sample .evtx files of the omerbenamram/evtx project, kept in the repository with their
// licence (test/fixtures/evtx-samples/README.md says where they come from and what uses them).
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WinEvent } from '../../src/evidence/types.js';
import { readEvtx, type EvtxRead } from '../../src/evidence/readers/evtx/index.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLES = resolve(REPO, 'test/fixtures/evtx-samples');

export function sampleFiles(): string[] {
  return readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.evtx'))
    .sort();
}

export function samplePath(name: string): string {
  return join(SAMPLES, name);
}

export async function readAll(entry: Parameters<typeof readEvtx>[0]): Promise<{ events: WinEvent[]; read: EvtxRead }> {
  const read = readEvtx(entry);
  const events: WinEvent[] = [];
  for await (const e of read) events.push(e);
  return { events, read };
}
