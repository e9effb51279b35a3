import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadNodeConfig } from '../../src/config/node-config.loader.js';
import { hostPathOf, interpolate, parseMount, readComposeFile, type ComposeService } from '../support/docker-files.js';

/**
 * Static checks of docker/compose.replicas.yml and its HAProxy config (the Docker stage,
 * docker/ci-stage.sh, runs them; test/replicas/ runs the same shape with local processes).
 */
const DOCKER_DIR = path.join(process.cwd(), 'docker');

describe('docker/compose.replicas.yml', () => {
  const replicas = readComposeFile(path.join(DOCKER_DIR, 'compose.replicas.yml'));
  const REPLICAS = ['kr-knpa-1', 'kr-knpa-2', 'kr-knpa-3'];
  const of = (name: string): ComposeService => {
    const found = replicas.services[name];
    if (!found) throw new Error(`compose.replicas.yml has no service "${name}"`);
    return found;
  };
  const cfgFile = path.join(DOCKER_DIR, 'haproxy', 'kr-knpa.cfg');
  const cfg = readFileSync(cfgFile, 'utf8');

  it('runs three replicas of the same node on one database and one data volume, started after the first', () => {
    const first = of('kr-knpa-1');
    for (const name of REPLICAS) {
      const replica = of(name);
      expect(replica.build?.dockerfile).toBe('docker/Dockerfile');
      expect(replica.image).toBe(first.image);
      expect(replica.environment).toEqual(first.environment);
      expect(replica.volumes).toEqual(first.volumes);
      expect(replica.ports).toBeUndefined(); // reached through the balancer only
    }
    const env = Object.fromEntries(Object.entries(first.environment!).map(([k, v]) => [k, interpolate(v)]));
    const config = loadNodeConfig({ file: hostPathOf(first, env.NODE_CONFIG, DOCKER_DIR)!, env, cwd: '/app' });
    expect(config.id).toBe('kr-knpa');
    expect(new URL(env.DATABASE_URL).hostname).toBe('kr-knpa-db');
    expect(of('kr-knpa-db').healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(first.depends_on).toEqual({
      pki: { condition: 'service_completed_successfully' },
      'kr-knpa-db': { condition: 'service_healthy' },
    });
    for (const name of ['kr-knpa-2', 'kr-knpa-3'])
      expect(of(name).depends_on).toEqual({ 'kr-knpa-1': { condition: 'service_healthy' } });
    for (const svc of Object.values(replicas.services))
      for (const mount of (svc.volumes ?? []).map((spec) => parseMount(spec, DOCKER_DIR)))
        expect(mount.bind ? existsSync(mount.source) : mount.source in (replicas.volumes ?? {})).toBe(true);
  });

  it('puts HAProxy in front as "kr-knpa": every replica in both backends, checked on /health/ready', () => {
    const balancer = of('kr-knpa');
    expect(balancer.build?.context).toBe('haproxy');
    expect(existsSync(path.join(DOCKER_DIR, 'haproxy', 'Dockerfile'))).toBe(true);
    expect(balancer.ports?.map((p) => interpolate(p))).toEqual(['127.0.0.1:4000:4000']);
    const mounted = (balancer.volumes ?? []).map((spec) => parseMount(spec, DOCKER_DIR));
    expect(mounted).toContainEqual({
      source: cfgFile,
      target: '/usr/local/etc/haproxy/haproxy.cfg',
      bind: true,
      readOnly: true,
    });
    const backends = cfg.split(/^backend /m).slice(1);
    expect(backends).toHaveLength(2);
    for (const backend of backends) {
      expect(backend).toContain('balance roundrobin');
      expect(backend).toContain('option httpchk GET /health/ready');
      const servers = [...backend.matchAll(/^\s*server (\S+) (\S+):(\d+) check/gm)].map((m) => [m[1], m[2]]);
      expect(servers).toEqual(REPLICAS.map((r) => [r, r]));
    }
    const check = spawnSync(process.env.HAPROXY ?? 'haproxy', ['-c', '-f', cfgFile], { encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    expect(check.stdout + check.stderr).toContain('Configuration file is valid');
  });
});
