import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** One Dockerfile instruction, continuation lines joined. */
export interface DockerInstruction {
  keyword: string;
  args: string;
  line: number;
}

export function parseDockerfile(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let pending = '';
  let startLine = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (!pending && (line.trim() === '' || line.trimStart().startsWith('#'))) return;
    if (!pending) startLine = index + 1;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const full = (pending + line).trim();
    pending = '';
    const match = /^(\w+)\s+(.*)$/s.exec(full);
    if (!match) throw new Error(`Dockerfile line ${startLine}: cannot read "${full}"`);
    instructions.push({ keyword: match[1].toUpperCase(), args: match[2].trim(), line: startLine });
  });
  return instructions;
}

/** The stages of a multi-stage Dockerfile: FROM line, stage name and the instructions under it. */
export function dockerStages(
  instructions: DockerInstruction[],
): { from: string; name?: string; body: DockerInstruction[] }[] {
  const stages: { from: string; name?: string; body: DockerInstruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [from, as, name] = instruction.args.split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, body: [] });
    } else {
      stages.at(-1)?.body.push(instruction);
    }
  }
  return stages;
}

/** The exec form of CMD / HEALTHCHECK CMD: a JSON array of strings. */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string'))
    throw new Error(`not an exec form: ${args}`);
  return parsed as string[];
}

/** Compose's `${NAME:-default}` / `${NAME}` interpolation, from the given environment. */
export function interpolate(value: string, env: Record<string, string | undefined> = {}): string {
  return value.replace(
    /\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/gi,
    (_, name: string, fallback: string | undefined) => env[name] || fallback || '',
  );
}

export interface ComposeService {
  build?: { context: string; dockerfile?: string; args?: Record<string, string> };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
}

/** Parses a compose file as compose does: YAML with merge keys (`<<: *anchor`). */
export function readComposeFile(file: string): ComposeFile {
  return parseYaml(readFileSync(file, 'utf8'), { merge: true, uniqueKeys: true }) as ComposeFile;
}

/** A short-syntax volume: `source:target[:mode]`; a source starting with `.` or `/` is a bind mount. */
export function parseMount(
  spec: string,
  composeDir: string,
): { source: string; target: string; bind: boolean; readOnly: boolean } {
  const [source, target, mode] = spec.split(':');
  const bind = source.startsWith('.') || source.startsWith('/');
  return { source: bind ? path.resolve(composeDir, source) : source, target, bind, readOnly: mode === 'ro' };
}

/** The host path behind a container path, through the service's bind mounts; undefined if none covers it. */
export function hostPathOf(service: ComposeService, containerPath: string, composeDir: string): string | undefined {
  for (const mount of (service.volumes ?? []).map((spec) => parseMount(spec, composeDir))) {
    if (mount.bind && (containerPath === mount.target || containerPath.startsWith(`${mount.target}/`))) {
      return path.join(mount.source, containerPath.slice(mount.target.length));
    }
  }
  return undefined;
}
