import { Global, Module } from '@nestjs/common';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { metricsAccessFromConfig } from './metrics-access.js';
import { METRICS_ACCESS, MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/**
 * Prometheus metrics: GET /metrics and the instruments services update. Global so any module can count;
 * modules register their own scrape-time gauges (e.g. federation's delivery queue, watchlist sync lag).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    MetricsService,
    {
      provide: METRICS_ACCESS,
      inject: [NODE_CONFIG],
      useFactory: (config: NodeConfig) => metricsAccessFromConfig(config.metrics),
    },
  ],
  exports: [MetricsService],
})
export class MetricsModule {}
