// STUB owned by the collector work (issue 3): `run` on the Azure AD Connect server.
import type { Command } from 'commander';
import { UsageError } from './errors.js';

export function registerRun(program: Command): void {
  program
    .command('run', { isDefault: true })
    .description('on the Azure AD Connect server: collect, run a sync cycle, diagnose, write a support bundle')
    .action(() => {
      throw new UsageError('run is not implemented yet; use analyze');
    });
}
