// Markdown fix steps lost the spaces around inline commands ("again:`Restart-Service ADSync`(an").
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { QA } from './helpers.js';

describe('Markdown fix steps', () => {
  it('keep the spaces around inline commands', () => {
    const r = runCli(['analyze', '--format', 'markdown', `${QA}/auth-407-no-credentials`]);
    expect(r.stdout).toMatch(/again: `Restart-Service ADSync` \(an elevated/);
    expect(r.stdout).not.toMatch(/[a-z:]`Restart-Service ADSync`\(/);
  });
});
