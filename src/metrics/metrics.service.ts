import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LOGGER } from '../config/config.module.js';

/** Every metric this node exposes starts with this. */
export const METRIC_PREFIX = 'fednode_';

export interface GaugeSample<L extends string> {
  labels?: Partial<Record<L, string>>;
  value: number;
}

/**
 * A gauge read when Prometheus scrapes (from a table, a file, a clock). Other modules register theirs
 * with `MetricsService.registerGauge`, e.g. the audit trail's `fednode_audit_checkpoint_age_seconds`.
 */
export interface ScrapeGauge<L extends string = string> {
  /** Full name, starting with `fednode_`. */
  name: string;
  help: string;
  labelNames?: readonly L[];
  collect: () => Promise<GaugeSample<L>[]> | GaugeSample<L>[];
}

/** Seconds, for request-like work: 1 ms to 30 s. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The node's Prometheus registry (one per application, so several nodes in one test process do not
 * collide) and the instruments that services update as things happen.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly packetsReceived: Counter<'partner'>;
  readonly packetsSent: Counter<'partner' | 'outcome'>;
  readonly packetRejections: Counter<'reason'>;
  readonly screeningDuration: Histogram<never>;
  readonly graphqlDuration: Histogram<'operation_type' | 'outcome'>;
  private readonly scrapeErrors: Counter<'metric'>;
  private readonly scrapeGauges: (() => Promise<void>)[] = [];

  constructor(@Inject(LOGGER) private readonly logger: Logger) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    this.packetsReceived = new Counter({
      name: `${METRIC_PREFIX}packets_received_total`,
      help: 'Case and reply packets accepted from partners, by the partner that delivered them',
      labelNames: ['partner'],
      registers,
    });
    this.packetsSent = new Counter({
      name: `${METRIC_PREFIX}packets_sent_total`,
      help: 'Packets this node delivered, by partner and the signed receipt it answered with (accepted or rejected)',
      labelNames: ['partner', 'outcome'],
      registers,
    });
    this.packetRejections = new Counter({
      name: `${METRIC_PREFIX}packet_rejections_total`,
      help: 'Inbound packets refused, by reason code (docs/PROTOCOL.md)',
      labelNames: ['reason'],
      registers,
    });
    this.screeningDuration = new Histogram({
      name: `${METRIC_PREFIX}screening_duration_seconds`,
      help: 'Time to screen one batch of identifiers (the screen operation)',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: `${METRIC_PREFIX}graphql_request_duration_seconds`,
      help: 'GraphQL requests from parsing to the response, by operation type and outcome',
      labelNames: ['operation_type', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.scrapeErrors = new Counter({
      name: `${METRIC_PREFIX}metrics_collect_errors_total`,
      help: 'Scrape-time gauges that could not be read (the rest of the scrape is still served)',
      labelNames: ['metric'],
      registers,
    });
  }

  /**
   * Adds a gauge computed at scrape time. `collect` returns the samples; none (nothing to measure yet)
   * reads NaN for an unlabelled gauge. A failing `collect` is logged and counted; that gauge then reads
   * NaN (unlabelled) or has no series for the scrape, and the rest of the answer is still served.
   */
  registerGauge<L extends string>(gauge: ScrapeGauge<L>): void {
    if (!gauge.name.startsWith(METRIC_PREFIX)) throw new Error(`metric ${gauge.name} must start with ${METRIC_PREFIX}`);
    const target = new Gauge<L>({
      name: gauge.name,
      help: gauge.help,
      labelNames: gauge.labelNames ?? [],
      registers: [this.registry],
    });
    this.scrapeGauges.push(async () => {
      let samples: GaugeSample<L>[];
      try {
        samples = await gauge.collect();
      } catch (error) {
        target.reset();
        if (!gauge.labelNames?.length) target.set(Number.NaN);
        this.scrapeErrors.inc({ metric: gauge.name });
        this.logger.warn(
          { event: 'metrics.collect_failed', metric: gauge.name, err: error },
          `metric ${gauge.name} could not be read`,
        );
        return;
      }
      target.reset();
      // prom-client shows an unlabelled gauge as 0 after a reset; "no value yet" (e.g. no checkpoint) must not read as 0.
      if (!gauge.labelNames?.length && samples.length === 0) target.set(Number.NaN);
      for (const sample of samples) {
        if (sample.labels) target.set(sample.labels, sample.value);
        else target.set(sample.value);
      }
    });
  }

  /** Times `work` into a histogram, whether it succeeds or throws. */
  async time<T>(histogram: Histogram<never>, work: () => Promise<T>): Promise<T> {
    const end = histogram.startTimer();
    try {
      return await work();
    } finally {
      end();
    }
  }

  /** Reads the scrape-time gauges (all first, so errors they count show in this same scrape), then serialises. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    await Promise.all(this.scrapeGauges.map((read) => read()));
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
