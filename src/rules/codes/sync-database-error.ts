// The sync engine's database (SQL Server or the bundled LocalDB) failed: full (LocalDB's 10 GB limit),
// unreachable or refusing logins. Not the web proxy.
// https://learn.microsoft.com/troubleshoot/entra/entra-id/user-prov-sync/recover-from-localdb-10gb-limit
import type { Rule } from '../types.js';
import { quoteGroup } from './_shared.js';
import { facts } from './_facts.js';

const REF_LOCALDB = 'https://learn.microsoft.com/troubleshoot/entra/entra-id/user-prov-sync/recover-from-localdb-10gb-limit';

export const rule: Rule = {
  meta: {
    code: 'sync-database-error',
    title: 'The sync engine\'s SQL database failed (not the network)',
    severity: 'error',
    route: 'none',
    verdict: 'not-network',
    explanation:
      'The sync engine could not use its database: SQL Server or the bundled LocalDB is full (LocalDB stops at 10 GB: stopped-database-disk-full), not running, or refused the login (OLE DB "Login timeout expired", SqlException). This is local to the server; the proxy is not involved.',
    fix: [
      'If the database is full (LocalDB 10 GB): follow Microsoft\'s recovery steps (delete run history with `Invoke-ADSyncRunProfileHistoryPurge` or shrink the database), or move to a full SQL Server.',
      'If SQL is not reachable: check the SQL Server (or `SQLLocalDB info ADSync`) is running and the ADSync service account can log in to it.',
      '`Restart-Service ADSync`, then `Start-ADSyncSyncCycle -PolicyType Delta`.',
    ],
    references: [REF_LOCALDB],
  },
  band: 'policy',
  decidesFrom: 'A database failure of the sync engine: stopped-database-disk-full, "SQL Server is out of disk space", "database … is full", SqlException, OLE DB "Login timeout expired" (0x8023044a), LocalDB or SQL Server error-log lines.',
  verdictSentence: ({ actor, times }) => `${actor.short} could not use its SQL database${times}: that is local to the server, not the network or the proxy.`,
  matchGroup(g) {
    const used = facts(g).filter((f) => f.op === 'database' || f.codes.includes('run:stopped-database-disk-full'));
    if (!used.length) return null;
    const full = used.some((f) => f.codes.includes('run:stopped-database-disk-full')) || /full|disk space/i.test(g.samples[0]?.text ?? '');
    return {
      confidence: 'high',
      explanation: full
        ? 'The sync engine\'s database is full (LocalDB stops at 10 GB), so runs stop. Free space in the database or move to SQL Server; the network is fine.'
        : 'The sync engine could not reach or log in to its SQL database. Check the SQL instance and the service account\'s login; the network to Microsoft is not involved.',
      evidence: quoteGroup(g, used),
      facts: used,
    };
  },
};
