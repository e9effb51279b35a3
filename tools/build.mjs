// Builds the node (tsc → dist/) and the console (vite → console/dist/) only when their sources changed
// since the last build, so `npm start`, `npm run user` or `npm run pki` start at once on a current
// build. `--always` (what `npm run build` passes) builds both whatever the stamps say.
//
// A build's stamp is the SHA-256 of every input file's path and content, written after a successful
// build; contents rather than times, so a checkout or a branch switch is judged by what it holds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const always = process.argv.includes('--always');

const TARGETS = [
  {
    name: 'node',
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    output: 'dist/main.js',
    stamp: 'dist/.build-stamp',
    command: ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
  },
  {
    name: 'console',
    inputs: [
      'console/src',
      'console/index.html',
      'console/vite.config.ts',
      'console/tsconfig.json',
      'package-lock.json',
    ],
    output: 'console/dist/index.html',
    stamp: 'console/dist/.build-stamp',
    command: ['node_modules/vite/bin/vite.js', 'build', 'console', '--logLevel', 'warn'],
  },
];

/** Every file of the inputs (folders walked), in a stable order. */
function inputFiles(inputs) {
  const found = [];
  for (const input of inputs) {
    const absolute = path.join(root, input);
    if (!existsSync(absolute)) continue;
    if (!statSync(absolute).isDirectory()) {
      found.push(input);
      continue;
    }
    for (const entry of readdirSync(absolute, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) found.push(path.relative(root, path.join(entry.parentPath, entry.name)));
    }
  }
  return found.sort();
}

function digest(inputs) {
  const hash = createHash('sha256');
  for (const file of inputFiles(inputs)) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

function readStamp(file) {
  try {
    return readFileSync(path.join(root, file), 'utf8').trim();
  } catch {
    return '';
  }
}

for (const target of TARGETS) {
  const wanted = digest(target.inputs);
  const current = existsSync(path.join(root, target.output)) && readStamp(target.stamp) === wanted;
  if (current && !always) continue;
  if (!always) process.stderr.write(`building the ${target.name} (its sources changed since the last build)…\n`);
  const result = spawnSync(process.execPath, target.command, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(path.join(root, target.stamp), wanted + '\n');
}
