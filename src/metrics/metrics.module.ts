import { Global, Module } from '@nestjs/common';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { DatabaseMetricsCollector } from './database-metrics.collector.js';
import { metricsAccessFromConfig } from './metrics-access.js';
import { METRICS_ACCESS, MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/** Prometheus metrics: GET /metrics, the instruments services update, and the scrape-time gauges. Global so any module can count. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    MetricsService,
    DatabaseMetricsCollector,
    { provide: METRICS_ACCESS, inject: [NODE_CONFIG], useFactory: (config: NodeConfig) => metricsAccessFromConfig(config.metrics) },
  ],
  exports: [MetricsService],
})
export class MetricsModule {}
