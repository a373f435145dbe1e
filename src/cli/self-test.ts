// STUB owned by the collector work (issue 3): `self-test` checks the PowerShell layer on a real server.
import type { Command } from 'commander';
import { UsageError } from './errors.js';

export function registerSelfTest(program: Command): void {
  program
    .command('self-test')
    .description('Windows: run the PowerShell layer\'s read-only checks against the real powershell.exe')
    .action(() => {
      throw new UsageError('self-test is not implemented yet');
    });
}
