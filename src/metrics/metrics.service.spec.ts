import pino from 'pino';
import { MetricsService } from './metrics.service.js';

describe('MetricsService', () => {
  it('serves scrape-time gauges with their labels, and a failing gauge leaves the rest of the scrape intact', async () => {
    const metrics = new MetricsService(pino({ level: 'silent' }));
    let backlog = 3;
    metrics.registerGauge({
      name: 'fednode_test_backlog',
      help: 'test backlog',
      labelNames: ['peer'],
      collect: () => [{ labels: { peer: 'kh-cnp' }, value: backlog }],
    });
    metrics.registerGauge({
      name: 'fednode_test_broken',
      help: 'always fails',
      collect: async () => {
        throw new Error('database down');
      },
    });
    metrics.packetRejections.inc({ reason: 'BAD_SIGNATURE' });

    const first = (await metrics.exposition()).body;
    expect(first).toContain('fednode_test_backlog{peer="kh-cnp"} 3');
    expect(first).toContain('fednode_packet_rejections_total{reason="BAD_SIGNATURE"} 1');
    expect(first).toContain('fednode_metrics_collect_errors_total{metric="fednode_test_broken"} 1');
    expect(first).toMatch(/^fednode_test_broken nan$/im);
    expect(first).toMatch(/^fednode_process_cpu_seconds_total /m);

    backlog = 0;
    expect((await metrics.exposition()).body).toContain('fednode_test_backlog{peer="kh-cnp"} 0');
  });

  it('an unlabelled gauge with nothing to report reads NaN, not 0', async () => {
    const metrics = new MetricsService(pino({ level: 'silent' }));
    let age: number | undefined = undefined;
    metrics.registerGauge({
      name: 'fednode_test_checkpoint_age_seconds',
      help: 'age',
      collect: () => (age === undefined ? [] : [{ value: age }]),
    });
    expect((await metrics.exposition()).body).toMatch(/^fednode_test_checkpoint_age_seconds nan$/im);
    age = 42;
    expect((await metrics.exposition()).body).toMatch(/^fednode_test_checkpoint_age_seconds 42$/m);
  });

  it('refuses a gauge without the fednode_ prefix', () => {
    const metrics = new MetricsService(pino({ level: 'silent' }));
    expect(() => metrics.registerGauge({ name: 'audit_age', help: 'x', collect: () => [] })).toThrow(
      'must start with fednode_',
    );
  });

  it('times work into a histogram even when it throws', async () => {
    const metrics = new MetricsService(pino({ level: 'silent' }));
    await metrics.time(metrics.screeningDuration, async () => 1);
    await expect(
      metrics.time(metrics.screeningDuration, async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect((await metrics.exposition()).body).toContain('fednode_screening_duration_seconds_count 2');
  });
});
