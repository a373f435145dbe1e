// STUB owned by the evidence-readers work (issue 2): walks inputs, recognises each by content,
// streams it through its reader and returns the EvidenceSet the rules read.
import { emptyEvidence, type EvidenceSet } from './types.js';

export interface CollectOptions {
  /** Called now and then during long reads (bytes done, total when known) for a progress display. */
  onProgress?: (p: { file: string; bytesDone: number; bytesTotal?: number }) => void;
}

export async function collectEvidence(_paths: string[], _opts: CollectOptions = {}): Promise<EvidenceSet> {
  return emptyEvidence();
}
