// The step list on a terminal (listr2 on stderr), driven by the collector's progress events.
// Nothing is shown with --json, -q, or when stderr is not a terminal.
import { Listr, ListrLogger, ProcessOutput } from 'listr2';
import type { ProgressEvent, StepStatus } from './collector.js';

const TITLES: Record<string, string> = {
  preflight: 'Preflight: elevation, ADSync module and service',
  'proxy-config': 'Proxy layers: machine.config, miiserver.exe.config, WinHTTP, WinINET, environment',
  'sync-cycle': 'Sync cycle',
  events: 'Application events (ADSync, Directory Synchronization, writeback, Health)',
  traces: 'Wizard trace logs',
  probes: 'Live network probes',
  'probes-as-service': 'Live network probes as the service account',
  diagnose: 'Diagnosis',
};

interface Deferred {
  promise: Promise<{ status: StepStatus; error: string | null }>;
  resolve: (v: { status: StepStatus; error: string | null }) => void;
}

function deferred(): Deferred {
  let resolve!: Deferred['resolve'];
  const promise = new Promise<{ status: StepStatus; error: string | null }>((r) => (resolve = r));
  return { promise, resolve };
}

export interface StepDisplay {
  onProgress(e: ProgressEvent): void;
  /** Ends every step that never reported (the collector died) and waits for the renderer. */
  finish(): Promise<void>;
}

/** A display that shows nothing (non-TTY, --json, -q). */
export const silentDisplay: StepDisplay = { onProgress() {}, async finish() {} };

export function createStepDisplay(steps: string[]): StepDisplay {
  const pending = new Map<string, Deferred>(steps.map((s) => [s, deferred()]));
  const list = new Listr(
    steps.map((name) => ({
      title: TITLES[name] ?? name,
      task: async (_ctx: unknown, task: { skip: (m?: string) => void; title: string }) => {
        const r = await pending.get(name)!.promise;
        if (r.status === 'skipped') task.skip(`${TITLES[name] ?? name}: skipped${r.error ? ` (${r.error})` : ''}`);
        else if (r.status === 'timeout') throw new Error(`timed out${r.error ? `: ${r.error}` : ''}`);
        else if (r.status === 'failed') throw new Error(r.error ?? 'failed');
      },
    })),
    {
      concurrent: false,
      exitOnError: false,
      registerSignalListeners: false,
      // The caller decided that stderr is a terminal; stdout may be a pipe (the report), which would
      // otherwise make listr2 fall back to its line renderer writing to stdout.
      renderer: 'default',
      fallbackRendererCondition: false,
      silentRendererCondition: false,
      forceTTY: true,
      rendererOptions: { logger: new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) }), collapseErrors: false },
    },
  );
  const running = list.run().catch(() => undefined);
  return {
    onProgress(e) {
      if (e.event === 'step-end') pending.get(e.step)?.resolve({ status: e.status, error: e.error });
    },
    async finish() {
      for (const d of pending.values()) d.resolve({ status: 'failed', error: 'not reported' });
      await running;
    },
  };
}
