import { isIP } from 'node:net';
import { z } from 'zod';
import { OFFENCE_CATEGORIES } from '../kernel/vocabulary/index.js';
import { ISO_DURATION_HINT, parseIsoDuration } from '../common/time/iso-duration.js';
import { NODE_KINDS } from '../kernel/vocabulary/role.js';

/** Node ids travel in certificates and packet headers: keep them short and URL-safe. */
export const nodeIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be lower-case letters, digits and dashes, starting with a letter');

const portSchema = z.number().int().min(1).max(65535);

/** An ISO 8601 duration (days to seconds), kept as written; see common/time/iso-duration.ts. */
export const isoDurationSchema = z.string().refine((text) => parseIsoDuration(text) !== undefined, ISO_DURATION_HINT);

/** Express's names for address ranges (proxy-addr), beside single addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** A list in YAML, or comma-separated in an environment variable (FEDNODE_LISTEN__TRUSTED_PROXIES). */
const trustedProxiesSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((entry) => entry.trim()) : value),
  z.array(
    z.string().refine(isProxyAddress, {
      message: `must be an IP address, a CIDR range (10.0.0.0/8) or one of ${PROXY_RANGE_NAMES.join(', ')}`,
    }),
  ),
);

const listenSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: portSchema,
    /** A request's headers (and a new connection's first request) must arrive within this. */
    headersTimeoutSeconds: z.number().min(1).max(300).default(10),
    /** A whole request, body included, must arrive within this (a 50 MiB evidence file at 1.4 Mbit/s). */
    requestTimeoutSeconds: z.number().min(1).max(3600).default(300),
    /** A request body arriving slower than this on average, after its first 5 s, is cut off (408). */
    minBodyBytesPerSecond: z.number().int().min(1).default(1024),
    /** Connections (graphql-ws sockets included) beyond this many are refused as they arrive. */
    maxConnections: z.number().int().min(1).default(512),
    /**
     * Balancers whose X-Forwarded-For names the officer's address (login limits count per address).
     * Empty: the header is ignored, since anyone could send it to escape the limits.
     */
    trustedProxies: trustedProxiesSchema.default([]),
  })
  .refine((listen) => listen.requestTimeoutSeconds >= listen.headersTimeoutSeconds, {
    path: ['requestTimeoutSeconds'],
    message: 'must be at least headersTimeoutSeconds (Node ignores a shorter one)',
  });

const peerSchema = z.strictObject({
  id: nodeIdSchema,
  /** The partner agency's name as officers know it (shown beside the id); the id when absent. */
  name: z.string().trim().min(1).max(200).optional(),
  url: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }),
  /** The peer's node certificate (PEM); default `<identity.pkiDir>/<peer id>/tls/node.crt`, where the dev PKI puts it. */
  certificateFile: z.string().min(1).optional(),
  /** The agency whose CA may issue the peer's certificate (default: the peer id, as for identity.agencyId). */
  agencyId: nodeIdSchema.optional(),
  /** An exchange receives freeze and information requests and reports wallet hits; an agency shares cases. */
  kind: z.enum(NODE_KINDS).default('agency'),
  /** Optional SHA-256 fingerprint pin of the peer's certificate (hex, colons allowed). */
  certificateFingerprint: z
    .string()
    .regex(/^([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/, 'must be a SHA-256 fingerprint in hex')
    .optional(),
});

/** The TAXII 2.1 listener (also the MISP feed and the STIX extension schemas); see docs/INTEROP.md. */
const taxiiSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  /** Without a port the node serves no TAXII (and no MISP feed); 0 picks a free port (tests). */
  port: z.number().int().min(0).max(65535).optional(),
  /** The https:// URL partners reach the listener at, when a proxy or DNS name stands in front. */
  publicUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s):// URL' })
    .regex(/[^/]$/, 'must not end with /')
    .optional(),
  tls: z
    .strictObject({
      /** false serves TAXII over plain HTTP, Basic credentials in clear: only behind a TLS-terminating proxy. */
      enabled: z.boolean().default(true),
      /** PEM certificate (chain) and key for the listener; default: the node's own certificate and TLS key. */
      certFile: z.string().min(1).optional(),
      keyFile: z.string().min(1).optional(),
      /** TAXII 2.1 §8.2.2 requires TLS 1.2; TLSv1.3 refuses older clients. */
      minVersion: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2'),
    })
    .default({ enabled: true, minVersion: 'TLSv1.2' }),
  /** The largest request body (Add Objects) the API root accepts, in bytes (its max_content_length). */
  maxContentLength: z
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Who turns what the agency's own tools publish into watchlist entries: at once, or a liaison officer. */
  inboxApproval: z.enum(['AUTOMATIC', 'LIAISON_OFFICER']).default('LIAISON_OFFICER'),
  /** The offence categories the agency's tools may publish into the watchlist (default: all). */
  inboxOffenceCategories: z.array(z.enum(OFFENCE_CATEGORIES)).min(1).optional(),
  /** For published objects that name none (no offence:<category> label or MISP tag). */
  inboxDefaultOffenceCategory: z.enum(OFFENCE_CATEGORIES).optional(),
});

const rateLimitSchema = z.strictObject({
  maxFailures: z.number().int().min(1),
  windowSeconds: z.number().int().min(1),
});

export const nodeConfigSchema = z
  .strictObject({
    id: nodeIdSchema,
    name: z.string().min(1),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as KR')
      .or(z.literal('ASEAN')),
    mode: z.enum(['development', 'production']).default('development'),
    /** `exchange`: a virtual-asset exchange's node (compliance desk, wallet screening; no cases of its own). */
    kind: z.enum(NODE_KINDS).default('agency'),
    dataDir: z.string().min(1).optional(),
    listen: listenSchema,
    federation: z.strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      /** 0 picks a free port (tests). */
      port: z.number().int().min(0).max(65535),
      /** A packet not delivered by then is dead-lettered (FAILED); an ADMIN can retry it. */
      deliveryDeadlineSeconds: z
        .number()
        .int()
        .min(1)
        .default(24 * 3600),
      /** First retry delay; doubled per attempt, with jitter, up to maxRetryDelaySeconds. */
      retryBaseSeconds: z.number().min(0.1).default(2),
      maxRetryDelaySeconds: z.number().min(1).default(300),
      requestTimeoutSeconds: z.number().min(1).max(600).default(30),
      /** How often the node checks whether its watchlist changed and pushes the changes to partners. */
      watchlistPushIntervalMs: z.number().int().min(50).default(500),
      /** How often the node pulls partners' watchlist feeds (also on start-up), to catch up. */
      watchlistPullSeconds: z.number().min(1).default(30),
      /** Largest request body the peer endpoint reads. */
      maxBodyBytes: z
        .number()
        .int()
        .min(1024)
        .default(64 * 1024 * 1024),
    }),
    peers: z.array(peerSchema).default([]),
    database: z.strictObject({
      /** Used when no DATABASE_URL is given: an embedded PostgreSQL on this port. */
      embeddedPort: portSchema,
      url: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
        .optional(),
      /** Connections of the node's pool (each replica has its own; pg-boss keeps 4 more). */
      poolSize: z.number().int().min(2).max(200).default(10),
    }),
    keys: z
      .strictObject({
        /** Secret file holding the passphrase that encrypts the node's private keys at rest. */
        passphraseFile: z.string().min(1).optional(),
      })
      .default({}),
    identity: z
      .strictObject({
        /** The agency whose CA issues this node's certificate (default: the node id). */
        agencyId: nodeIdSchema.optional(),
        /** Root of the PKI layout (`ca/`, `trust/`, `<node>/keys`, `<node>/tls`); default: the parent of dataDir. */
        pkiDir: z.string().min(1).optional(),
        /** How long a peer's previous certificate (and our previous keys) stay usable after a rotation. */
        rotationGraceSeconds: z
          .number()
          .int()
          .min(0)
          .default(7 * 24 * 3600),
      })
      .default({ rotationGraceSeconds: 7 * 24 * 3600 }),
    envelope: z
      .strictObject({
        /** Packets dated further in the future than this, or expired longer ago, are refused. */
        maxClockSkewSeconds: z.number().int().min(0).max(3600).default(300),
        /** How long a packet we seal stays valid. */
        packetLifetimeSeconds: z
          .number()
          .int()
          .min(60)
          .max(30 * 24 * 3600)
          .default(7 * 24 * 3600),
      })
      .default({ maxClockSkewSeconds: 300, packetLifetimeSeconds: 7 * 24 * 3600 }),
    trust: z
      .strictObject({
        anchors: z.array(z.string().min(1)).default([]),
      })
      .default({ anchors: [] }),
    storage: z
      .strictObject({
        /** 32-byte key that encrypts evidence attachments at rest; default `<dataDir>/secrets/storage-key` (created by a development node). */
        keyFile: z.string().min(1).optional(),
      })
      .default({}),
    policies: z
      .strictObject({
        file: z.string().min(1).optional(),
      })
      .default({}),
    auth: z
      .strictObject({
        tokenTtlSeconds: z.number().int().min(60).max(86400).default(3600),
        tokenSecretFile: z.string().min(1).optional(),
        /** Failed logins for one username from one client address (the account stays open from elsewhere). */
        loginLimitPerUser: rateLimitSchema.default({ maxFailures: 5, windowSeconds: 900 }),
        /** Failed logins from one client address, whatever the usernames. */
        loginLimitPerAddress: rateLimitSchema.default({ maxFailures: 20, windowSeconds: 900 }),
        /** A burst of refused logins from one source ends after this long without one: one audit entry then. */
        throttleAuditQuietSeconds: z.number().int().min(1).max(3600).default(60),
      })
      .default({
        tokenTtlSeconds: 3600,
        loginLimitPerUser: { maxFailures: 5, windowSeconds: 900 },
        loginLimitPerAddress: { maxFailures: 20, windowSeconds: 900 },
        throttleAuditQuietSeconds: 60,
      }),
    hitCheck: z
      .strictObject({
        /** The OPRF key (base64url ristretto255 scalar); default `<dataDir>/secrets/hit-check-key` (created by a development node). */
        keyFile: z.string().min(1).optional(),
        /** Blinded evaluations each partner may ask for per rolling hour: bounds offline guessing against the published set. */
        evaluationsPerHour: z.number().int().min(1).default(10_000),
      })
      .default({ evaluationsPerHour: 10_000 }),
    freezeRequests: z
      .strictObject({
        /** Reminder alerts before a freeze held at an exchange lapses, as durations before its end. */
        expiryReminders: z.array(isoDurationSchema).max(10).default(['P7D', 'P1D']),
        /** The safety net of the request clocks: a sweep of every clock, besides the job each clock schedules. */
        clockSweepCron: z
          .string()
          .regex(/^\S+( \S+){4,5}$/, 'must be a cron expression such as "* * * * *"')
          .default('* * * * *'),
        /** Largest legal order (the signed document) a request carries. */
        maxOrderBytes: z
          .number()
          .int()
          .min(1024)
          .max(32 * 1024 * 1024)
          .default(10 * 1024 * 1024),
      })
      .default({ expiryReminders: ['P7D', 'P1D'], clockSweepCron: '* * * * *', maxOrderBytes: 10 * 1024 * 1024 }),
    screening: z
      .strictObject({
        /** The machine endpoint for an exchange's own systems (API key), plain HTTP on this host and port. */
        host: z.string().min(1).default('127.0.0.1'),
        /** 0 picks a free port (tests). */
        port: z.number().int().min(0).max(65535),
        /** Optional HTTPS port where systems authenticate with a registered client certificate (mutual TLS). */
        tlsPort: z.number().int().min(0).max(65535).optional(),
        /** How often each replica reloads the screening systems (keys disabled elsewhere stop working by then). */
        systemsRefreshSeconds: z.number().int().min(1).max(3600).default(10),
      })
      .optional(),
    audit: z
      .strictObject({
        /** Sign a checkpoint after this many entries (0: by time only). */
        checkpointEveryEntries: z.number().int().min(0).default(100),
        /** Sign a checkpoint this often when entries are waiting. */
        checkpointIntervalSeconds: z.number().int().min(1).max(86400).default(300),
        /** Copies of the signed checkpoints outside the database (default `<dataDir>/audit/checkpoints.jsonl`). */
        anchorFile: z.string().min(1).optional(),
      })
      .default({ checkpointEveryEntries: 100, checkpointIntervalSeconds: 300 }),
    retention: z
      .strictObject({
        /** When the purge of expired partner data runs (cron, UTC; pg-boss schedule shared by replicas). */
        purgeCron: z
          .string()
          .regex(/^\S+( \S+){4,5}$/, 'must be a cron expression such as "*/15 * * * *"')
          .default('*/15 * * * *'),
        /** Revoked watchlist entries (tombstones) are kept this many days past their validUntil. */
        tombstoneGraceDays: z.number().int().min(1).max(3650).default(30),
      })
      .default({ purgeCron: '*/15 * * * *', tombstoneGraceDays: 30 }),
    graphql: z
      .strictObject({
        maxDepth: z.number().int().min(1).max(50).default(10),
        /** Fields one operation may select, every alias counted. */
        maxComplexity: z.number().int().min(10).default(1000),
        /**
         * Items one request may ask for (list arguments' lengths and `first` sizes, multiplied through
         * nested lists, summed over aliases): one `screen` call's cap, so no request does more work than one call.
         */
        maxListItems: z.number().int().min(100).default(10_000),
      })
      .default({ maxDepth: 10, maxComplexity: 1000, maxListItems: 10_000 }),
    metrics: z
      .strictObject({
        /** Bearer token a Prometheus scrape must send to GET /metrics; better set with FEDNODE_METRICS__TOKEN than in a file under git. */
        token: z.string().min(16, 'must be at least 16 characters').optional(),
        /** Secret file holding that token (alternative to `token`). */
        tokenFile: z.string().min(1).optional(),
        /** Serve /metrics without a token (partner names included): only behind a private scrape network. */
        anonymous: z.boolean().default(false),
      })
      .default({ anonymous: false }),
    taxii: taxiiSchema.default({
      host: '127.0.0.1',
      tls: { enabled: true, minVersion: 'TLSv1.2' },
      maxContentLength: 10 * 1024 * 1024,
      inboxApproval: 'LIAISON_OFFICER',
    }),
    log: z
      .strictObject({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .default({ level: 'info' }),
  })
  .superRefine((config, ctx) => {
    if (config.metrics.token !== undefined && config.metrics.tokenFile !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['metrics', 'tokenFile'],
        message: 'set metrics.token or metrics.tokenFile, not both',
      });
    }
    if ((config.taxii.tls.certFile === undefined) !== (config.taxii.tls.keyFile === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['taxii', 'tls', config.taxii.tls.certFile === undefined ? 'certFile' : 'keyFile'],
        message: 'set taxii.tls.certFile and taxii.tls.keyFile together',
      });
    }
    if (config.screening && config.kind !== 'exchange') {
      ctx.addIssue({
        code: 'custom',
        path: ['screening'],
        message: "the wallet screening endpoint serves an exchange's systems: set kind: exchange, or remove screening",
      });
    }
    const seen = new Set<string>();
    config.peers.forEach((peer, index) => {
      if (peer.id === config.id) {
        ctx.addIssue({ code: 'custom', path: ['peers', index, 'id'], message: 'a node cannot be its own peer' });
      }
      if (seen.has(peer.id)) {
        ctx.addIssue({ code: 'custom', path: ['peers', index, 'id'], message: `duplicate peer "${peer.id}"` });
      }
      seen.add(peer.id);
    });
  });

export type NodeConfigInput = z.input<typeof nodeConfigSchema>;
type ParsedConfig = z.output<typeof nodeConfigSchema>;

/** The validated configuration with every path resolved, as the rest of the node sees it. */
export type NodeConfig = ParsedConfig & {
  dataDir: string;
  /** identity.pkiDir resolved: the parent of dataDir unless configured. */
  pkiDir: string;
  /** Where the file came from, for error messages and logs. */
  source: string;
};
