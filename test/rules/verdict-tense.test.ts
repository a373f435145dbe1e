import { describe, expect, it } from 'vitest';
import { adminWinInet, machineConfig, run } from './helpers.js';

describe('verdict tense', () => {
  it('a bypass decided from configuration alone says the service goes direct (nothing failed yet)', () => {
    const d = run({ dotNetProxy: [machineConfig(null)], winInet: [adminWinInet('proxy.contoso.com:8080')] });
    expect(d.verdict.code).toBe('proxy-bypassed');
    expect(d.verdict.summary).toMatch(/goes direct/);
    expect(d.verdict.summary).not.toMatch(/went direct/);
  });
});
