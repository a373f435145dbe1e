// The timeline of errors around the sync cycle: one lane per finding (its first..last record and
// the quoted records) and one lane per run profile of the cycle. Pure: data in, data out.
import type { Finding, ReportSyncCycle, Timeline, TimelineLane } from '../model/report.js';
import { parseTime } from './present.js';

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** The lanes of the timeline, or undefined when nothing in the report carries a time. */
export function buildTimeline(findings: Finding[], sync: ReportSyncCycle[] = []): Timeline | undefined {
  const lanes: TimelineLane[] = [];
  findings.forEach((f, i) => {
    // Records of something happening (events, trace lines, probes, sync results, pasted errors);
    // a config file's modification time or a service start time is a fact, not an error in time.
    const marks = f.evidence
      .filter((e) => e.kind !== 'config' && parseTime(e.time) !== undefined)
      .map((e) => ({ time: e.time!, label: `${e.source} ${e.location}`.trim() }))
      .sort((a, b) => parseTime(a.time)! - parseTime(b.time)!);
    const times = [f.firstTime, f.lastTime, ...marks.map((m) => m.time)]
      .map(parseTime)
      .filter((t): t is number => t !== undefined);
    if (times.length === 0) return;
    const lane: TimelineLane = {
      id: `finding-${i + 1}`,
      kind: 'finding',
      label: f.code,
      severity: f.severity,
      finding: i + 1,
      start: iso(Math.min(...times)),
      end: iso(Math.max(...times)),
      marks,
    };
    if (f.count !== undefined) lane.count = f.count;
    lanes.push(lane);
  });
  sync.forEach((cycle, c) => {
    cycle.runProfiles.forEach((rp, r) => {
      const s = parseTime(rp.start);
      const e = parseTime(rp.end);
      if (s === undefined && e === undefined) return;
      const start = s ?? e!;
      const end = e ?? s!;
      lanes.push({
        id: `sync-${c + 1}-${r + 1}`,
        kind: 'sync',
        label: `${rp.connector}: ${rp.runProfile}`,
        result: rp.result,
        start: iso(Math.min(start, end)),
        end: iso(Math.max(start, end)),
        marks: [],
      });
    });
  });
  if (lanes.length === 0) return undefined;
  const start = Math.min(...lanes.map((l) => parseTime(l.start)!));
  const end = Math.max(...lanes.map((l) => parseTime(l.end)!));
  // Sync lanes first (the frame of reference), then findings in report order.
  lanes.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'sync' ? -1 : 1));
  return { start: iso(start), end: iso(end), lanes };
}

/** The window drawn: the timeline's span with a margin, never empty (a single instant gets ±1 minute). */
export function timelineWindow(tl: Timeline): { from: number; to: number } {
  const s = parseTime(tl.start)!;
  const e = parseTime(tl.end)!;
  const span = e - s;
  if (span <= 0) return { from: s - 60_000, to: e + 60_000 };
  const margin = span * 0.03;
  return { from: s - margin, to: e + margin };
}

/** Where a time falls in the drawn window, in percent (0..100, clamped). */
export function timelinePosition(tl: Timeline, time: string): number {
  const t = parseTime(time);
  const { from, to } = timelineWindow(tl);
  if (t === undefined) return 0;
  const p = ((t - from) / (to - from)) * 100;
  return Math.min(100, Math.max(0, Math.round(p * 100) / 100));
}

const STEPS_MS = [
  1_000, 5_000, 15_000, 30_000, 60_000, 2 * 60_000, 5 * 60_000, 10 * 60_000, 15 * 60_000, 30 * 60_000, 3_600_000,
  2 * 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000, 2 * 86_400_000, 7 * 86_400_000,
];

/** Axis ticks at round UTC times ("09:15", or "11-25 09:00" when the window spans days). */
export function timelineTicks(tl: Timeline, maxTicks = 7): { time: string; label: string; position: number }[] {
  const { from, to } = timelineWindow(tl);
  const span = to - from;
  const step = STEPS_MS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / 86_400_000) * 86_400_000;
  const ticks: { time: string; label: string; position: number }[] = [];
  const multiDay = new Date(from).toISOString().slice(0, 10) !== new Date(to).toISOString().slice(0, 10);
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    const s = new Date(t).toISOString();
    const hm = step < 60_000 ? s.slice(11, 19) : s.slice(11, 16);
    const label = multiDay ? `${s.slice(5, 10)} ${hm}` : hm;
    ticks.push({ time: iso(t), label, position: Math.round(((t - from) / span) * 10000) / 100 });
  }
  return ticks;
}
