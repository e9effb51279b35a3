import { ModulesContainer } from '@nestjs/core';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { PUBLIC_KEY, ROLES_KEY } from '../../src/common/auth/auth.decorators.js';
import { ALL_ROLES, Role } from '../../src/kernel/vocabulary/role.js';
import { AUTHORIZATION_TABLE, PUBLIC, allowedFor } from '../support/authorization-table.js';
import { buildOperation, loadSchema, schemaOperations, type SchemaOperation } from '../support/schema-operations.js';
import type { GraphqlResponse } from '../support/test-node.js';
import { TestNode } from '../support/test-node.js';
import { eventually } from '../support/eventually.js';

/** Who calls: no token, a forged token, or an account holding exactly one role. */
type Caller = 'no token' | 'forged token' | Role;
const CALLERS: Caller[] = ['no token', 'forged token', ...ALL_ROLES];
const FORGED = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJlLW9mLW5vYm9keQ';

const operations = schemaOperations(loadSchema());
const overHttp = operations.filter((op) => op.kind !== 'Subscription');
const subscriptions = operations.filter((op) => op.kind === 'Subscription');

/** What one caller got: the error codes and messages, or none when the resolver answered. */
interface Outcome {
  status: number;
  codes: string[];
  text: string;
}

function outcomeOf(response: GraphqlResponse): Outcome {
  return {
    status: response.status,
    codes: (response.errors ?? []).map((error) => String(error.extensions?.code)),
    text: JSON.stringify(response.errors ?? response.data),
  };
}

/** The guard's refusal of a missing token (login's INVALID_CREDENTIALS is UNAUTHENTICATED too, but comes from the resolver). */
const GUARD_REFUSAL = /Authentication required/;

/**
 * The expectation for one caller of one operation. Allowed callers may well get BAD_USER_INPUT or
 * NOT_FOUND for the placeholder arguments: that proves the guard let them through. Nobody gets INTERNAL.
 */
function check(operation: string, caller: Caller, outcome: Outcome): string | undefined {
  const allowed = allowedFor(operation);
  const where = `${operation} as ${caller}: got ${outcome.status} ${outcome.text}`;
  if (outcome.status >= 500 || outcome.codes.includes('INTERNAL')) return `${where}; expected no server error`;
  if (allowed === PUBLIC) {
    if (outcome.codes.includes('FORBIDDEN') || GUARD_REFUSAL.test(outcome.text)) {
      return `${where}; expected a public operation to be let through`;
    }
    return undefined;
  }
  if (caller === 'no token' || caller === 'forged token') {
    return outcome.codes[0] === 'UNAUTHENTICATED' ? undefined : `${where}; expected UNAUTHENTICATED`;
  }
  if (!allowed.includes(caller)) return outcome.codes[0] === 'FORBIDDEN' ? undefined : `${where}; expected FORBIDDEN`;
  return outcome.codes.some((code) => code === 'UNAUTHENTICATED' || code === 'FORBIDDEN')
    ? `${where}; expected the guard to let ${caller} through`
    : undefined;
}

/** Whether `check` holds within `timeoutMs` (false, not a failure, when it does not). */
function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  return eventually('the subscription to answer', check, { timeoutMs, intervalMs: 25 }).then(
    () => true,
    () => false,
  );
}

describe('the authorisation matrix: every operation of schema.graphql, for each role and with no token', () => {
  let node: TestNode;
  const tokens = new Map<Caller, string | undefined>([
    ['no token', undefined],
    ['forged token', FORGED],
  ]);

  beforeAll(async () => {
    node = await TestNode.start('authz_matrix');
    for (const role of ALL_ROLES)
      tokens.set(role, await node.officerToken(`matrix-${role.toLowerCase().replace('_', '-')}`, [role]));
  });
  afterAll(() => node?.stop());

  it('has a row in test/support/authorization-table.ts for every operation in schema.graphql', () => {
    const missing = operations.map((op) => op.name).filter((name) => !(name in AUTHORIZATION_TABLE));
    if (missing.length) {
      throw new Error(
        `these operations have no entry in the authorisation table (test/support/authorization-table.ts): ${missing.join(', ')}`,
      );
    }
  });

  it('has no stale rows: every operation in the table exists in schema.graphql', () => {
    const existing = new Set(operations.map((op) => op.name));
    const stale = Object.keys(AUTHORIZATION_TABLE).filter((name) => !existing.has(name));
    if (stale.length)
      throw new Error(`the authorisation table lists operations schema.graphql no longer has: ${stale.join(', ')}`);
  });

  it('matches the @Roles / @Public declarations on the resolvers', () => {
    const declared = new Map<string, typeof PUBLIC | Role[]>();
    for (const module of node.app().get(ModulesContainer).values()) {
      for (const wrapper of module.providers.values()) {
        const instance = wrapper.instance as object | undefined;
        if (!instance || typeof instance !== 'object') continue;
        const prototype = Object.getPrototypeOf(instance) as object;
        for (const method of Object.getOwnPropertyNames(prototype)) {
          const handler: unknown = Object.getOwnPropertyDescriptor(prototype, method)?.value;
          if (typeof handler !== 'function') continue;
          const kind = Reflect.getMetadata('graphql:resolver_type', handler) as string | undefined;
          if (kind !== 'Query' && kind !== 'Mutation' && kind !== 'Subscription') continue;
          const field = (Reflect.getMetadata('graphql:resolver_name', handler) as string | undefined) ?? method;
          const isPublic =
            Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, prototype.constructor);
          const roles = (Reflect.getMetadata(ROLES_KEY, handler) ??
            Reflect.getMetadata(ROLES_KEY, prototype.constructor) ??
            []) as Role[];
          declared.set(`${kind}.${field}`, isPublic ? PUBLIC : [...roles].sort());
        }
      }
    }
    const table = Object.fromEntries(
      operations.map((op) => [
        op.name,
        AUTHORIZATION_TABLE[op.name] === PUBLIC ? PUBLIC : [...(AUTHORIZATION_TABLE[op.name] ?? [])].sort(),
      ]),
    );
    expect(Object.fromEntries(operations.map((op) => [op.name, declared.get(op.name) ?? 'no resolver found']))).toEqual(
      table,
    );
  });

  it.each(overHttp.map((op): [string, SchemaOperation] => [op.name, op]))('%s over HTTP', async (name, operation) => {
    const { query, variables } = buildOperation(operation);
    const outcomes = await Promise.all(
      CALLERS.map(
        async (caller) => [caller, outcomeOf(await node.graphql(query, variables, tokens.get(caller)))] as const,
      ),
    );
    const problems = outcomes.map(([caller, outcome]) => check(name, caller, outcome)).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it.each(subscriptions.map((op): [string, SchemaOperation] => [op.name, op]))(
    '%s over graphql-ws',
    async (name, operation) => {
      const { query, variables } = buildOperation(operation);
      const problems: string[] = [];
      for (const caller of CALLERS) {
        const token = tokens.get(caller);
        const errors: unknown[] = [];
        const closeCodes: number[] = [];
        const client = createClient({
          url: `${node.url.replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          lazy: true,
          connectionParams: token ? { authorization: `Bearer ${token}` } : {},
          on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
        });
        client.subscribe(
          { query, variables },
          {
            next: (message) => errors.push(...(message.errors ?? [])),
            error: (error) => errors.push(error),
            complete: () => undefined,
          },
        );
        const allowed = allowedFor(name);
        const expectRefusal = allowed !== PUBLIC && !(allowed as readonly Caller[]).includes(caller);
        // A refusal arrives at once; an allowed subscription stays open and silent (nothing is raised here).
        await waitFor(() => errors.length > 0 || closeCodes.length > 0, expectRefusal ? 10_000 : 1_500);
        const seen = `${name} as ${caller}: errors ${JSON.stringify(errors)}, close codes ${JSON.stringify(closeCodes)}`;
        if (caller === 'no token' || caller === 'forged token') {
          // The socket itself refuses a connection without a valid token (4403), before any subscription.
          if (allowed !== PUBLIC && !closeCodes.includes(4403))
            problems.push(`${seen}; expected the socket closed with 4403`);
        } else if (expectRefusal) {
          if (!JSON.stringify(errors).includes('"FORBIDDEN"')) problems.push(`${seen}; expected FORBIDDEN`);
        } else if (errors.length || closeCodes.length) {
          problems.push(`${seen}; expected the subscription to stay open`);
        }
        await client.dispose();
      }
      expect(problems).toEqual([]);
    },
  );
});
