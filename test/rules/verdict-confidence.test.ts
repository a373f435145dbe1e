import { describe, expect, it } from 'vitest';
import { machineConfig, pasted, run } from './helpers.js';

describe('verdict wording follows the deciding finding\'s confidence', () => {
  it('a verdict resting on a low-confidence guess says so and says what would confirm it', () => {
    const d = run({ groups: [pasted('Microsoft.Identity.Client.MsalServiceException: User realm discovery failed')] });
    expect(d.verdict.code).toBe('proxy-bypassed');
    expect(d.findings[0]!.confidence).toBe('low');
    expect(d.verdict.summary).toMatch(/Low confidence/);
    expect(d.verdict.summary).toMatch(/machine\.config/);
  });

  it('a verdict the evidence decides reads firmly', () => {
    const d = run({
      groups: [pasted("User realm discovery failed ---> System.Net.WebException: The remote name could not be resolved: 'login.windows.net'")],
      dotNetProxy: [machineConfig(null)],
    });
    expect(d.verdict.code).toBe('proxy-bypassed');
    expect(d.verdict.summary).not.toMatch(/confidence/i);
  });
});
