// manifest.json of the support-bundle ZIP (docs/report-contract.md, "The support bundle"; docs/bundle-format.md).
// Built from the collector's own manifest.json in the bundle folder plus what the zip writer saw:
// every file with the SHA-256 of the bytes INSIDE the zip (after redaction), every collection step
// with its status and error, and what was redacted (counts, never values).
import type { CollectionStep } from '../evidence/types.js';
import type { Redactor, RedactionCounts } from '../redact/index.js';

export const MANIFEST_SCHEMA = 'aadsync-diagnose/manifest@1';

export interface BundleManifestFile {
  path: string;
  bytes: number;
  /** Lowercase hex SHA-256 of the file as stored in the zip. */
  sha256: string;
}

export interface BundleManifest {
  schema: typeof MANIFEST_SCHEMA;
  tool: { name: 'aadsync-diagnose'; version: string; collector?: string };
  host: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** When the zip was written (ISO 8601 UTC). */
  bundledAt: string;
  options: Record<string, unknown>;
  steps: CollectionStep[];
  files: BundleManifestFile[];
  /** Files of the bundle folder left out of the zip, and why (symlinks, special files). */
  skipped: { path: string; reason: string }[];
  redaction: RedactionCounts & { identities_redacted: boolean };
}

/** The collector's manifest.json, read leniently: missing or wrong fields are unknown, not errors. */
export interface CollectorManifest {
  tool?: { version?: string; collector?: string };
  host?: string;
  startedAt?: string;
  finishedAt?: string;
  options?: Record<string, unknown>;
  steps?: unknown[];
}

export function parseCollectorManifest(text: string | null): CollectorManifest | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as CollectorManifest) : null;
  } catch {
    return null;
  }
}

const STATUSES = new Set(['ok', 'failed', 'skipped', 'timeout']);

function steps(raw: unknown[] | undefined): CollectionStep[] {
  if (!Array.isArray(raw)) return [];
  const out: CollectionStep[] = [];
  for (const s of raw) {
    if (!s || typeof s !== 'object') continue;
    const o = s as Record<string, unknown>;
    if (typeof o.name !== 'string') continue;
    out.push({
      name: o.name,
      status: (STATUSES.has(String(o.status)) ? o.status : 'failed') as CollectionStep['status'],
      durationMs: typeof o.durationMs === 'number' && Number.isFinite(o.durationMs) ? o.durationMs : 0,
      error: typeof o.error === 'string' ? o.error : null,
    });
  }
  return out;
}

export function buildManifest(args: {
  collector: CollectorManifest | null;
  toolVersion: string;
  files: BundleManifestFile[];
  skipped: { path: string; reason: string }[];
  redactor: Redactor;
  now: Date;
}): BundleManifest {
  const c = args.collector ?? {};
  const r = args.redactor;
  const str = (v: unknown) => (typeof v === 'string' ? r.text(v) : null);
  // Everything that came from the server passes the redactor: host names, step errors, options.
  const redactedSteps = steps(c.steps).map((s) => ({ ...s, error: s.error === null ? null : r.text(s.error) }));
  const options = c.options && typeof c.options === 'object' ? r.json(c.options) : {};
  const manifest: BundleManifest = {
    schema: MANIFEST_SCHEMA,
    tool: {
      name: 'aadsync-diagnose',
      version: args.toolVersion,
      ...(typeof c.tool?.collector === 'string' ? { collector: c.tool.collector } : {}),
    },
    host: str(c.host),
    startedAt: str(c.startedAt),
    finishedAt: str(c.finishedAt),
    bundledAt: args.now.toISOString(),
    options,
    steps: redactedSteps,
    files: args.files,
    skipped: args.skipped.map((s) => ({ path: r.path(s.path), reason: s.reason })),
    redaction: { ...r.counts(), identities_redacted: r.identities },
  };
  return manifest;
}
