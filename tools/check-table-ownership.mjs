// Each table has one owning module (the folder of its entity, or TABLE_OWNERS below). Only the owner
// writes it; another module reads it only where READS_ALLOWED says why. Run by `npm run lint`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Tables without an entity class. */
const TABLE_OWNERS = {
  case_identifier: 'cases',
  received_identifier: 'inbound',
  watchlist_sync_cursor: 'watchlist',
};

/** Cross-module reads, each a read model on purpose. */
const READS_ALLOWED = {
  alerts: {
    tables: ['case_identifier', 'intel_case', 'received_identifier', 'received_packet', 'watchlist_entry'],
    why: 'correlation: an alert is raised where partner data and local cases name the same identifier',
  },
  'wallet-screening': {
    tables: ['watchlist_entry', 'case_identifier', 'intel_case'],
    why: 'an exchange screens wallets against the watchlist it holds by index (prepared statements on a pool of its own); an agency checks that a hit report names its own entry and finds the cases naming the wallet',
  },
  screening: {
    tables: ['case_identifier', 'intel_case', 'received_identifier', 'received_packet', 'watchlist_entry'],
    why: 'screening and the identifier graph look an identifier up in every store at once, by index',
  },
};

const SQL_WORDS =
  /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY|TRUNCATE(?:\s+TABLE)?|FROM|JOIN)\s+("?[a-z_][a-z0-9_]*"?)/gi;
const WRITES = /^(INSERT|UPDATE|DELETE|COPY|TRUNCATE)/i;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const moduleOf = (file) => path.relative('src', file).split(path.sep)[0];
const sources = files('src').filter((f) => !/(\.spec|\.test-helpers)\.ts$/.test(f) && !f.includes('/migrations/'));
const owners = new Map(Object.entries(TABLE_OWNERS));
for (const file of sources) {
  for (const [, table] of readFileSync(file, 'utf8').matchAll(/@Entity\(\{\s*name:\s*'([a-z_0-9]+)'/g)) {
    owners.set(table, moduleOf(file));
  }
}

const problems = [];
for (const file of sources) {
  const module = moduleOf(file);
  if (['database', 'cli'].includes(module)) continue; // composition and operator tools
  // SQL lives in string literals: look only inside quotes and template literals.
  const text = readFileSync(file, 'utf8');
  for (const literal of text.matchAll(/`[^`]*`|'(?:[^'\\\n]|\\.)*'/g)) {
    for (const [, verb, rawTable] of literal[0].matchAll(SQL_WORDS)) {
      const table = rawTable.replaceAll('"', '');
      const owner = owners.get(table);
      if (!owner || owner === module) continue;
      const line = text.slice(0, literal.index).split('\n').length;
      if (WRITES.test(verb)) problems.push(`${file}:${line}: ${module} writes ${table}, owned by ${owner}`);
      else if (!READS_ALLOWED[module]?.tables.includes(table))
        problems.push(`${file}:${line}: ${module} reads ${table}, owned by ${owner} (not in READS_ALLOWED)`);
    }
  }
}
if (problems.length) {
  console.error(`Table ownership: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`table ownership: ${owners.size} tables, ${sources.length} files, no module touches another's tables`);
