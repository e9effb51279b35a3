import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadNodeConfig } from '../../src/config/node-config.loader.js';
import type { NodeConfig } from '../../src/config/node-config.schema.js';
import {
  dockerStages,
  execForm,
  hostPathOf,
  interpolate,
  parseDockerfile,
  parseMount,
  readComposeFile,
  type ComposeService,
} from '../support/docker-files.js';
import { freePort } from '../support/free-port.mjs';
import { createTestDatabase } from '../support/test-database.js';

/**
 * `npm test` runs without a Docker engine (the Docker stage, docker/ci-stage.sh, builds the image and
 * runs compose.yml), so this checks what can be checked without one: the compose file and the
 * Dockerfile name files that exist and fit together, and the image's own commands (the PKI one-shot,
 * CMD, HEALTHCHECK) work when run outside a container on a real PostgreSQL.
 */
const ROOT = process.cwd();
const DOCKER_DIR = path.join(ROOT, 'docker');
const compose = readComposeFile(path.join(DOCKER_DIR, 'compose.yml'));
const dockerfile = parseDockerfile(readFileSync(path.join(DOCKER_DIR, 'Dockerfile'), 'utf8'));
const NODES = ['kr-knpa', 'kh-cnp', 'asean-hub'];

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`compose.yml has no service "${name}"`);
  return found;
}

/** The node's config as the container reads it (through the bind mount), with the compose environment. */
function containerConfig(name: string): { config: NodeConfig; hostFile: string; env: Record<string, string> } {
  const env = Object.fromEntries(
    Object.entries(service(name).environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]),
  );
  const hostFile = hostPathOf(service(name), env.NODE_CONFIG, DOCKER_DIR);
  if (!hostFile) throw new Error(`${name}: NODE_CONFIG ${env.NODE_CONFIG} is not under a bind mount`);
  return { config: loadNodeConfig({ file: hostFile, env, cwd: '/app' }), hostFile, env };
}

function namedMountAt(svc: ComposeService, target: string): string | undefined {
  return (svc.volumes ?? []).map((spec) => parseMount(spec, DOCKER_DIR)).find((m) => !m.bind && m.target === target)
    ?.source;
}

function run(
  command: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [program, ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(program === 'node' ? process.execPath : program, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('docker/compose.yml', () => {
  it('builds every service that needs the image from docker/Dockerfile in an existing context', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      if (!svc.build) continue;
      const context = path.resolve(DOCKER_DIR, svc.build.context);
      expect({ name, context: existsSync(context) && statSync(context).isDirectory() }).toEqual({
        name,
        context: true,
      });
      expect(existsSync(path.join(context, svc.build.dockerfile ?? 'Dockerfile'))).toBe(true);
      expect(path.join(context, svc.build.dockerfile ?? 'Dockerfile')).toBe(path.join(DOCKER_DIR, 'Dockerfile'));
    }
    for (const name of ['pki', ...NODES]) expect(service(name).build).toBeDefined();
  });

  it('takes the base image and the image name from variables that default to the official ones', () => {
    const imageArg = dockerfile.find((i) => i.keyword === 'ARG' && i.args.startsWith('NODE_IMAGE='));
    for (const name of ['pki', ...NODES]) {
      const svc = service(name);
      expect(svc.build?.args?.NODE_IMAGE).toBe(`\${NODE_IMAGE:-${imageArg!.args.split('=')[1]}}`);
      expect(interpolate(svc.image!)).toBe('fed-node:dev');
      expect(interpolate(svc.image!, { APP_IMAGE: 'ci/fed-node:1' })).toBe('ci/fed-node:1');
    }
    for (const name of NODES) {
      const port = service(name).ports![0];
      expect(interpolate(port, { KR_KNPA_PORT: '47001', KH_CNP_PORT: '47002', ASEAN_HUB_PORT: '47003' })).toMatch(
        /^127\.0\.0\.1:4700[123]:4000$/,
      );
    }
  });

  it('names only bind-mounted files that exist and named volumes that are declared; host ports do not clash', () => {
    const hostPorts: string[] = [];
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const mount of (svc.volumes ?? []).map((spec) => parseMount(spec, DOCKER_DIR))) {
        if (mount.bind)
          expect({ name, source: mount.source, exists: existsSync(mount.source) }).toMatchObject({ exists: true });
        else
          expect({ name, volume: mount.source, declared: mount.source in (compose.volumes ?? {}) }).toMatchObject({
            declared: true,
          });
      }
      for (const port of svc.ports ?? []) {
        const parts = interpolate(port).split(':');
        expect(parts.length).toBe(3); // host address, host port, container port: bound to loopback, not every interface
        expect(parts[0]).toBe('127.0.0.1');
        hostPorts.push(parts[1]);
      }
      for (const dependency of Object.keys(svc.depends_on ?? {})) expect(compose.services[dependency]).toBeDefined();
    }
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
    expect(hostPorts).toHaveLength(NODES.length);
  });

  it('gives each node its own PostgreSQL and data volume, the shared dev PKI, and peers reachable by service name', () => {
    const pki = service('pki');
    const pkiCommand = pki.command ?? [];
    expect(pkiCommand.slice(0, 3)).toEqual(['node', 'dist/cli/pki.cli.js', 'dev-federation']);
    expect(pkiCommand[pkiCommand.indexOf('--nodes') + 1].split(',').sort()).toEqual([...NODES].sort());
    const pkiMount = pkiCommand[pkiCommand.indexOf('--data-dir') + 1];
    const pkiVolume = namedMountAt(pki, pkiMount);
    expect(pkiVolume).toBeDefined();
    expect(pki.restart).toBe('no');

    const seenVolumes = new Set<string>();
    for (const name of NODES) {
      const svc = service(name);
      const { config, env } = containerConfig(name);
      expect(config.id).toBe(name);
      expect(config.listen.host).toBe('0.0.0.0');
      expect(config.federation.host).toBe('0.0.0.0');
      expect(svc.ports?.map((p) => interpolate(p).split(':')[2])).toEqual([String(config.listen.port)]);

      // Its own database service, healthy before the node starts, on its own volume.
      const dbHost = new URL(env.DATABASE_URL).hostname;
      expect(dbHost).toBe(`${name}-db`);
      const db = service(dbHost);
      // The official image unless POSTGRES_IMAGE names a stand-in (CI builds one from Debian packages).
      expect(db.image).toMatch(/^\$\{POSTGRES_IMAGE:-postgres:\d+-bookworm\}$/);
      expect(db.healthcheck?.test.join(' ')).toContain('pg_isready');
      expect(new URL(env.DATABASE_URL).username).toBe(db.environment?.POSTGRES_USER);
      expect(decodeURIComponent(new URL(env.DATABASE_URL).password)).toBe(
        interpolate(String(db.environment?.POSTGRES_PASSWORD)),
      );
      expect(new URL(env.DATABASE_URL).pathname).toBe(`/${db.environment?.POSTGRES_DB}`);
      const dbVolume = namedMountAt(db, '/var/lib/postgresql/data');
      expect(dbVolume).toBeDefined();
      expect(svc.depends_on).toEqual({
        pki: { condition: 'service_completed_successfully' },
        [dbHost]: { condition: 'service_healthy' },
      });

      // The PKI volume where the config looks for keys and anchors; its own volume for everything else.
      expect(namedMountAt(svc, config.pkiDir)).toBe(pkiVolume);
      const dataVolume = namedMountAt(svc, config.dataDir);
      expect(dataVolume).toBeDefined();
      for (const volume of [dbVolume!, dataVolume!]) {
        expect(seenVolumes.has(volume)).toBe(false);
        seenVolumes.add(volume);
      }
      expect(config.trust.anchors.sort()).toEqual(
        NODES.map((id) => path.join(config.pkiDir, 'trust', 'anchors', `${id}.crt`)).sort(),
      );

      // Peers: the other nodes, by service name, on the federation port their own config listens on.
      expect(config.peers.map((peer) => peer.id).sort()).toEqual(NODES.filter((id) => id !== name).sort());
      for (const peer of config.peers) {
        const url = new URL(peer.url);
        expect(url.hostname).toBe(peer.id);
        expect(Number(url.port)).toBe(containerConfig(peer.id).config.federation.port);
      }
      // The policy file ships in the image (COPY config ./config into /app).
      expect(config.policies.file?.startsWith('/app/config/')).toBe(true);
      expect(existsSync(path.join(ROOT, config.policies.file!.slice('/app/'.length)))).toBe(true);
    }
  });
});

describe('docker/Dockerfile', () => {
  const stages = dockerStages(dockerfile);
  const runtime = stages.at(-1)!;

  it('builds in stages on node:20-bookworm-slim and runs as an unprivileged user with a health check', () => {
    const imageArg = dockerfile.find((i) => i.keyword === 'ARG' && i.args.startsWith('NODE_IMAGE='));
    expect(imageArg?.args).toBe('NODE_IMAGE=node:20-bookworm-slim');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toBe('${NODE_IMAGE}');
    const build = stages.find((s) => s.name === 'build')!;
    expect(build.body.some((i) => i.keyword === 'RUN' && /npm ci/.test(i.args))).toBe(true);
    expect(runtime.body.some((i) => i.keyword === 'RUN' && /npm ci/.test(i.args) && !/--omit=dev/.test(i.args))).toBe(
      false,
    );
    const user = runtime.body.filter((i) => i.keyword === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(['root', '0']).not.toContain(user!.args.split(':')[0]);
    const healthcheck = runtime.body.find((i) => i.keyword === 'HEALTHCHECK');
    expect(execForm(healthcheck!.args)).toEqual(['node', 'dist/cli/healthcheck.cli.js']);
    expect(execForm(runtime.body.find((i) => i.keyword === 'CMD')!.args)).toEqual(['node', 'dist/main.js']);
  });

  it('copies only files that exist from the build context, never the data folder or keys', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['.git', 'node_modules', 'data', '.env']) expect(ignored).toContain(entry);
    for (const stage of stages) {
      for (const copy of stage.body.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))) {
        const sources = copy.args.split(/\s+/).slice(0, -1);
        for (const source of sources) {
          expect({ source, exists: existsSync(path.join(ROOT, source)) }).toEqual({ source, exists: true });
          expect(source).not.toMatch(/^(data|\.env|.*\.key$)/);
        }
      }
    }
  });
});

describe('the image commands outside Docker', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    // Also after a timeout, which skips the test's own finally.
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  // Key derivation, RSA keys and a cold start on a busy 2-core machine: generous limits, no timing asserted.
  it('the pki one-shot, then CMD becomes ready on PostgreSQL and HEALTHCHECK says so; SIGTERM stops it cleanly', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'fednode-docker-'));
    const knpa = service('kr-knpa');
    const { hostFile, env: composeEnv } = containerConfig('kr-knpa');
    const pkiCommand = service('pki').command!;
    const containerPki = pkiCommand[pkiCommand.indexOf('--data-dir') + 1];
    const dataTarget = (knpa.volumes ?? [])
      .map((spec) => parseMount(spec, DOCKER_DIR))
      .find((m) => m.source === 'kr-knpa-data')!.target;

    // The container's mount points become temporary folders; /app is the repository.
    const hostOf = (text: string) =>
      text
        .replaceAll(containerPki, path.join(tmp, 'pki'))
        .replaceAll(dataTarget, path.join(tmp, 'node'))
        .replaceAll('/app/', `${ROOT}/`);
    const pki = await run(pkiCommand.map(hostOf), {}, 240_000);
    expect(pki).toMatchObject({ code: 0 });
    expect(pki.stdout).toMatch(/trust anchors: .*kr-knpa\.crt/);
    const configFile = path.join(tmp, 'kr-knpa.yaml');
    writeFileSync(configFile, hostOf(readFileSync(hostFile, 'utf8')));

    const port = await freePort();
    const env = {
      ...composeEnv,
      NODE_CONFIG: configFile,
      DATABASE_URL: await createTestDatabase('docker_cmd'),
      HOST: '127.0.0.1',
      PORT: String(port),
      FEDERATION_PORT: String(await freePort()),
      FEDNODE_FEDERATION__HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    };
    const healthcheck = execForm(runtimeInstruction('HEALTHCHECK'));
    const before = await run(healthcheck, env);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/did not answer: ECONNREFUSED/);

    const [program, ...args] = execForm(runtimeInstruction('CMD'));
    expect(program).toBe('node');
    const node = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = node;
    let stdout = '';
    let stderr = '';
    node.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    node.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => node.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 240_000;
      let probe = before;
      while (probe.code !== 0) {
        if (node.exitCode !== null) throw new Error(`the node exited (${node.exitCode}):\n${stdout}\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`not ready in 240 s: ${probe.stderr}\n${stdout}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 500));
        probe = await run(healthcheck, env);
      }
      expect(probe.stdout).toContain(`http://127.0.0.1:${port}/health/ready answered 200`);
      const started = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((e) => e.event === 'node.started');
      expect(String(started?.database)).not.toMatch(/embedded/);
      // Keys, certificate and CA all came from the pki one-shot: the node created none of its own.
      expect(stdout).not.toContain('identity.dev_created');
      expect(stdout).not.toContain('identity.anchors_missing');
      const info = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ nodeInfo { id } }' }),
      });
      expect(await info.json()).toEqual({ data: { nodeInfo: { id: 'kr-knpa' } } });
    } finally {
      if (node.exitCode === null) node.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect((await run(healthcheck, env)).code).toBe(1);
  }, 600_000);

  function runtimeInstruction(keyword: string): string {
    const found = dockerStages(dockerfile)
      .at(-1)!
      .body.find((i) => i.keyword === keyword);
    if (!found) throw new Error(`the runtime stage has no ${keyword}`);
    return found.args;
  }
});
