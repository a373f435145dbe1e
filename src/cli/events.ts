// STUB owned by the .evtx work (issue 7): `events` lists and filters the events of any evidence.
import type { Command } from 'commander';
import { UsageError } from './errors.js';

export function registerEvents(program: Command): void {
  program
    .command('events')
    .description('list the events in any evidence (.evtx, event XML, bundles, collector folders), filtered')
    .argument('<path...>')
    .action(() => {
      throw new UsageError('events is not implemented yet');
    });
}
