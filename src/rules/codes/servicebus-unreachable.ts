// Password writeback cannot reach Azure Service Bus (PasswordResetService 32002/32001/31044/32011,
// ADSync 6800 "Couldn't connect to any service bus endpoint(s)").
import type { Rule } from '../types.js';
import { RESTART, REF, machineConfigSteps, quoteGroup } from './_shared.js';
import { facts } from './_facts.js';

const WRITEBACK_IDS = new Set([32001, 32002, 31044, 32011]);

export const rule: Rule = {
  meta: {
    code: 'servicebus-unreachable',
    title: 'Password writeback cannot reach Azure Service Bus',
    severity: 'error',
    route: 'unknown',
    explanation:
      'Password writeback (inside the sync service, miiserver.exe) keeps a connection to Azure Service Bus (*.servicebus.windows.net) and to *.passwordreset.microsoftonline.com. It could not connect: those hosts are blocked on the path the service takes (its machine.config proxy, or direct), or TLS 1.2 / the server clock is wrong.',
    fix: [
      'Allow *.servicebus.windows.net and *.passwordreset.microsoftonline.com on 443 through the proxy (older builds also use TCP 9350-9354 outbound).',
      'Make sure machine.config gives the service the proxy (see proxy-bypass-dns), TLS 1.2 is enabled for .NET, and the server time is correct.',
      RESTART,
      'Test from Windows PowerShell 5.1: `Invoke-WebRequest -Uri https://ssprdedicatedsbprodscu.servicebus.windows.net -Verbose` (Test-NetConnection opens a direct connection, which says nothing about the proxy path).',
    ],
    references: [REF.writeback, REF.tls],
  },
  band: 'feature',
  decidesFrom: 'Password writeback could not connect to Azure Service Bus: PasswordResetService events 32001/32002/31044/32011, ADSync 6800 "Couldn\'t connect to any service bus endpoint(s)", "Error Connecting to ServiceBus".',
  matchGroup(g, ctx) {
    const used = facts(g).filter((f) => f.kind === 'servicebus');
    const wb = /PasswordResetService/i.test(g.provider ?? '') && WRITEBACK_IDS.has(g.eventId ?? -1);
    if (!wb && !used.length) return null;
    return {
      confidence: used.length ? 'high' : 'medium',
      explanation: `Password writeback (inside the sync service, miiserver.exe) could not reach Azure Service Bus${g.eventId ? ` (event ${g.eventId})` : ''}. It reads the proxy from machine.config under the service account; *.servicebus.windows.net and *.passwordreset.microsoftonline.com must be allowed on that path.`,
      fix: [
        'Allow *.servicebus.windows.net and *.passwordreset.microsoftonline.com on 443 through the proxy (older builds also use TCP 9350-9354 outbound).',
        ...machineConfigSteps(ctx),
        'Also check TLS 1.2 is enabled for .NET and the server time is correct (both break Service Bus connections).',
        'Test from Windows PowerShell 5.1: `Invoke-WebRequest -Uri https://ssprdedicatedsbprodscu.servicebus.windows.net -Verbose` (Test-NetConnection opens a direct connection, which says nothing about the proxy path).',
      ],
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
};
