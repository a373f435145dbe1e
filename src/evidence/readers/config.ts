// Entry point for every configuration-like input: .NET config files, netsh text, registry exports
// (also Microsoft's collector `.log` files that are registry exports) and our bundle's JSON files.
// The caller has already decoded the text (UTF-8/UTF-16) and recognised the format.
import type { EvidenceSet } from '../types.js';
import { parseBundleJson } from './bundle-json.js';
import { parseDotNetConfig } from './dotnet-config.js';
import { parseNetshWinhttp } from './netsh.js';
import { parseRegExport } from './reg-export.js';
import { parseRunHistory } from './run-history.js';

export type ConfigLikeFormat = 'dotnet-config' | 'netsh-winhttp' | 'reg-export' | 'bundle-json' | 'bundle-manifest' | 'run-history';

/** Reads one configuration-like file. Never throws: what could not be read becomes a note. */
export function readConfigLike(
  format: ConfigLikeFormat,
  text: string,
  file: string,
  meta?: { mtime?: Date },
): Partial<EvidenceSet> & { notes?: string[] } {
  try {
    switch (format) {
      case 'dotnet-config': {
        const cfg = parseDotNetConfig(text, file);
        if (meta?.mtime && !Number.isNaN(meta.mtime.getTime())) cfg.modifiedAt = meta.mtime.toISOString();
        return { dotNetProxy: [cfg] };
      }
      case 'netsh-winhttp': {
        const { settings, notes } = parseNetshWinhttp(text, file);
        return { winHttp: settings ? [settings] : [], notes };
      }
      case 'reg-export': {
        const r = parseRegExport(text, file);
        return { winInet: r.winInet, winHttp: r.winHttp, environment: r.environment, notes: r.notes };
      }
      case 'bundle-json':
      case 'bundle-manifest': {
        const { notes, ...rest } = parseBundleJson(text, file);
        if (format === 'bundle-manifest' && rest.collection === undefined) {
          notes.push(`${file}: expected a bundle manifest`);
        }
        return { ...rest, notes };
      }
      case 'run-history':
        return parseRunHistory(text, file);
      default:
        return { notes: [`${file}: format "${String(format)}" is not a configuration format`] };
    }
  } catch (err) {
    // The parsers do not throw by design; if one ever does, lose this file, not the analysis.
    return { notes: [`${file}: could not be read as ${format}: ${(err as Error).message}`] };
  }
}
