import { z } from 'zod';

/** Node ids travel in certificates and packet headers: keep them short and URL-safe. */
export const nodeIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be lower-case letters, digits and dashes, starting with a letter');

const portSchema = z.number().int().min(1).max(65535);

const listenSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: portSchema,
});

const peerSchema = z.strictObject({
  id: nodeIdSchema,
  url: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }),
  /** The peer's node certificate (PEM); default `<identity.pkiDir>/<peer id>/tls/node.crt`, where the dev PKI puts it. */
  certificateFile: z.string().min(1).optional(),
  /** The agency whose CA may issue the peer's certificate (default: the peer id, as for identity.agencyId). */
  agencyId: nodeIdSchema.optional(),
  /** Optional SHA-256 fingerprint pin of the peer's certificate (hex, colons allowed). */
  certificateFingerprint: z
    .string()
    .regex(/^([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/, 'must be a SHA-256 fingerprint in hex')
    .optional(),
});

const rateLimitSchema = z.strictObject({
  maxFailures: z.number().int().min(1),
  windowSeconds: z.number().int().min(1),
});

export const nodeConfigSchema = z
  .strictObject({
    id: nodeIdSchema,
    name: z.string().min(1),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as KR').or(z.literal('ASEAN')),
    mode: z.enum(['development', 'production']).default('development'),
    dataDir: z.string().min(1).optional(),
    listen: listenSchema,
    federation: z.strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      /** 0 picks a free port (tests). */
      port: z.number().int().min(0).max(65535),
      /** A packet not delivered by then is dead-lettered (FAILED); an ADMIN can retry it. */
      deliveryDeadlineSeconds: z.number().int().min(1).default(24 * 3600),
      /** First retry delay; doubled per attempt, with jitter, up to maxRetryDelaySeconds. */
      retryBaseSeconds: z.number().min(0.1).default(2),
      maxRetryDelaySeconds: z.number().min(1).default(300),
      requestTimeoutSeconds: z.number().min(1).max(600).default(30),
      /** How often the node checks whether its watchlist changed and pushes the changes to partners. */
      watchlistPushIntervalMs: z.number().int().min(50).default(500),
      /** How often the node pulls partners' watchlist feeds (also on start-up), to catch up. */
      watchlistPullSeconds: z.number().min(1).default(30),
      /** Largest request body the peer endpoint reads. */
      maxBodyBytes: z.number().int().min(1024).default(64 * 1024 * 1024),
    }),
    peers: z.array(peerSchema).default([]),
    database: z
      .strictObject({
        /** Used when no DATABASE_URL is given: an embedded PostgreSQL on this port. */
        embeddedPort: portSchema,
        url: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
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
        rotationGraceSeconds: z.number().int().min(0).default(7 * 24 * 3600),
      })
      .default({ rotationGraceSeconds: 7 * 24 * 3600 }),
    envelope: z
      .strictObject({
        /** Packets dated further in the future than this, or expired longer ago, are refused. */
        maxClockSkewSeconds: z.number().int().min(0).max(3600).default(300),
        /** How long a packet we seal stays valid. */
        packetLifetimeSeconds: z.number().int().min(60).max(30 * 24 * 3600).default(7 * 24 * 3600),
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
        loginLimitPerUser: rateLimitSchema.default({ maxFailures: 5, windowSeconds: 900 }),
        loginLimitPerAddress: rateLimitSchema.default({ maxFailures: 20, windowSeconds: 900 }),
      })
      .default({
        tokenTtlSeconds: 3600,
        loginLimitPerUser: { maxFailures: 5, windowSeconds: 900 },
        loginLimitPerAddress: { maxFailures: 20, windowSeconds: 900 },
      }),
    hitCheck: z
      .strictObject({
        /** The OPRF key (base64url ristretto255 scalar); default `<dataDir>/secrets/hit-check-key` (created by a development node). */
        keyFile: z.string().min(1).optional(),
        /** Blinded evaluations each partner may ask for per rolling hour: bounds offline guessing against the published set. */
        evaluationsPerHour: z.number().int().min(1).default(10_000),
      })
      .default({ evaluationsPerHour: 10_000 }),
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
        purgeCron: z.string().regex(/^\S+( \S+){4,5}$/, 'must be a cron expression such as "*/15 * * * *"').default('*/15 * * * *'),
        /** Revoked watchlist entries (tombstones) are kept this many days past their validUntil. */
        tombstoneGraceDays: z.number().int().min(1).max(3650).default(30),
      })
      .default({ purgeCron: '*/15 * * * *', tombstoneGraceDays: 30 }),
    graphql: z
      .strictObject({
        maxDepth: z.number().int().min(1).max(50).default(10),
        maxComplexity: z.number().int().min(10).default(1000),
      })
      .default({ maxDepth: 10, maxComplexity: 1000 }),
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
    log: z
      .strictObject({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .default({ level: 'info' }),
  })
  .superRefine((config, ctx) => {
    if (config.metrics.token !== undefined && config.metrics.tokenFile !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['metrics', 'tokenFile'], message: 'set metrics.token or metrics.tokenFile, not both' });
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
