import type { ServerResponse } from 'node:http';
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { Public } from '../common/auth/auth.decorators.js';
import { NODE_EXTENSION_SCHEMAS } from './stix-extension-schemas.js';
import { extensionOfSchemaFile, extensionSchemaFile, NODE_EXTENSION_NAMES } from './stix-extensions.js';

/** The serialised schema of an extension, byte for byte the file in docs/stix/. */
export function extensionSchemaText(file: string): string | undefined {
  const name = extensionOfSchemaFile(file);
  return name ? `${JSON.stringify(NODE_EXTENSION_SCHEMAS[name], null, 2)}\n` : undefined;
}

/**
 * The JSON schemas the node's extension definitions point at (`schema`), public like any published
 * schema: /stix/extensions/<name>-<version>.schema.json, on the officers' port and the TAXII listener.
 */
@Controller('stix/extensions')
@Public()
export class StixSchemaController {
  @Get(':file')
  schema(@Param('file') file: string, @Res() res: ServerResponse): void {
    const text = extensionSchemaText(file);
    if (text === undefined) {
      const known = NODE_EXTENSION_NAMES.map(extensionSchemaFile).join(', ');
      throw new NotFoundException(`No extension schema "${file}"; this node publishes ${known}`);
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/schema+json');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.end(text);
  }
}
