import { Module } from '@nestjs/common';
import { ConsoleAssets } from './console-assets.js';
import { CONSOLE_ASSETS, ConsoleController, NodeRootController } from './console.controller.js';

/** The web console for officers (console/ at the repository top, built by npm run build). */
@Module({
  controllers: [ConsoleController, NodeRootController],
  providers: [{ provide: CONSOLE_ASSETS, useFactory: () => ConsoleAssets.load() }],
})
export class ConsoleModule {}
