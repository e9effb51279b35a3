import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { GraphqlTransport } from './node-api.js';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run by the container's own Node.js: reads `{ headers, body }` on standard input, POSTs the body to
 * the node's API on the container's loopback and prints the answer (the token never shows in argv).
 */
const IN_CONTAINER_POST = `
let input = '';
process.stdin.on('data', (chunk) => (input += chunk)).on('end', async () => {
  const { headers, body } = JSON.parse(input);
  const response = await fetch('http://127.0.0.1:4000/graphql', { method: 'POST', headers, body, signal: AbortSignal.timeout(15000) });
  process.stdout.write(await response.text());
});`;

/** The Docker CLI (DOCKER) and Compose (COMPOSE: `docker-compose` 1.29 from Debian, or `docker compose`). */
const DOCKER = process.env.DOCKER ?? 'docker';
const COMPOSE = (process.env.COMPOSE ?? 'docker-compose').split(' ');

/** Runs a command to completion; rejects, with its output, when it fails. */
export function command(
  argv: string[],
  options: { env?: Record<string, string>; stdin?: string; timeoutMs?: number; allowFailure?: boolean } = {},
): Promise<CommandResult> {
  const [program, ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: { ...process.env, ...options.env },
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${argv.join(' ')}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0 && !options.allowFailure)
        reject(new Error(`${argv.join(' ')} exited with ${code}:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`));
      else resolve({ code, stdout, stderr });
    });
    if (options.stdin !== undefined) {
      // A command that exits without reading its input must not fail the caller with EPIPE.
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(options.stdin);
    }
  });
}

export function docker(args: string[], options: Parameters<typeof command>[1] = {}): Promise<CommandResult> {
  return command([DOCKER, ...args], options);
}

/**
 * One Compose project (its own name, so its containers, network and volumes are its own) over the
 * repository's compose files, driven through the Compose CLI as an operator would.
 */
export class ComposeProject {
  constructor(
    readonly name: string,
    private readonly files: string[],
    private readonly env: Record<string, string>,
  ) {}

  compose(args: string[], options: Parameters<typeof command>[1] = {}): Promise<CommandResult> {
    const files = this.files.flatMap((file) => ['-f', path.resolve(file)]);
    return command([...COMPOSE, '-p', this.name, ...files, ...args], {
      ...options,
      env: { ...this.env, ...options.env },
    });
  }

  /** The container of a service (its id). */
  async container(service: string): Promise<string> {
    const id = (await this.compose(['ps', '-q', service])).stdout.trim();
    if (!id) throw new Error(`compose project ${this.name} has no container for ${service}`);
    return id;
  }

  /** Waits until Docker reports the service's HEALTHCHECK healthy. */
  async healthy(service: string, timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let status = '';
    while (Date.now() < deadline) {
      const id = await this.container(service);
      status = (
        await docker(['inspect', '-f', '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}', id])
      ).stdout.trim();
      if (status === 'running healthy') return;
      if (status.startsWith('exited') || status.startsWith('dead')) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error(`${service} is not healthy (${status}):\n${await this.logs([service])}`);
  }

  /** A command in the service's running container (`exec -T`), standard input given. */
  exec(service: string, argv: string[], stdin = ''): Promise<CommandResult> {
    return this.compose(['exec', '-T', service, ...argv], { stdin });
  }

  /** The image's own user CLI, as an operator creates accounts: password on standard input. */
  async addUser(service: string, username: string, roles: string[], password: string): Promise<void> {
    const result = await this.exec(
      service,
      ['node', 'dist/cli/user.cli.js', 'add', '--username', username, '--role', roles.join(',')],
      `${password}\n`,
    );
    if (!result.stdout.includes(`created user ${username}`))
      throw new Error(`user CLI on ${service}: ${result.stdout}${result.stderr}`);
  }

  /**
   * Cuts `service` off the project's network `network`: it then reaches only `keep` (its database,
   * say), through a network of their own (`cut`) under the same names. `heal` undoes it.
   */
  async isolate(
    service: string,
    keep: string[],
    network = 'federation',
  ): Promise<{ cut: string; heal: () => Promise<void> }> {
    const cut = `${this.name}_cut_${service}`;
    const shared = `${this.name}_${network}`;
    await docker(['network', 'create', cut]);
    for (const member of [...keep, service])
      await docker(['network', 'connect', '--alias', member, cut, await this.container(member)]);
    await docker(['network', 'disconnect', shared, await this.container(service)]);
    const heal = async () => {
      await docker(['network', 'connect', '--alias', service, shared, await this.container(service)]);
      for (const member of [...keep, service])
        await docker(['network', 'disconnect', cut, await this.container(member)]);
      await docker(['network', 'rm', cut]);
    };
    return { cut, heal };
  }

  /** Whether `host` resolves inside the service's container (a name on a network it shares). */
  async resolves(service: string, host: string): Promise<boolean> {
    const result = await docker(['exec', await this.container(service), 'getent', 'hosts', host], {
      allowFailure: true,
    });
    return result.code === 0;
  }

  /**
   * GraphQL from inside the service's own container, to its API on 127.0.0.1:4000 (`docker exec`).
   * Independent of how the host reaches containers: some engines do not route from the host to a
   * container's address on a network created after start, and Docker's port proxy for a published
   * port can stall for a minute after its container changes networks.
   */
  graphqlInside(service: string): GraphqlTransport {
    return async (headers, body) => {
      const result = await docker(['exec', '-i', await this.container(service), 'node', '-e', IN_CONTAINER_POST], {
        stdin: JSON.stringify({ headers, body }),
        timeoutMs: 30_000,
        allowFailure: true,
      });
      if (result.code !== 0)
        throw new Error(`GraphQL inside ${service} failed (${result.code}): ${result.stderr.slice(-500)}`);
      return result.stdout;
    };
  }

  async logs(services: string[] = [], tail = 60): Promise<string> {
    const result = await this.compose(['logs', '--no-color', `--tail=${tail}`, ...services], { allowFailure: true });
    return result.stdout + result.stderr;
  }

  /** Removes the containers, the project's networks and its volumes. */
  async down(): Promise<void> {
    await this.compose(['down', '-v', '--remove-orphans', '-t', '20'], { allowFailure: true, timeoutMs: 180_000 });
  }
}
