#!/usr/bin/env node
// `npm run gen:redaction-rules`: writes schema/redaction-rules.json, the secret rules of
// src/redact/secrets.ts as data for the PowerShell collector (src/redact/export.ts says what it is).
// Reads the built dist/ (npm run build first); test/redact/export.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { exportRedactionRules } = await import(pathToFileURL(join(root, 'dist', 'redact', 'export.js')).href);
const out = join(root, 'schema', 'redaction-rules.json');
writeFileSync(out, JSON.stringify(exportRedactionRules(), null, 2) + '\n');
process.stderr.write(`gen:redaction-rules: ${out}\n`);
