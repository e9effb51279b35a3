import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../../codegen';

describe('the console types generated from schema.graphql', () => {
  it('are current (run `npm run schema` after changing the API)', async () => {
    const [output] = await generate(
      { ...config, cwd: new URL('../../..', import.meta.url).pathname, silent: true },
      false,
    );
    const committed = readFileSync(new URL('./schema.generated.ts', import.meta.url), 'utf8');
    expect(committed.trim()).toBe(output.content.trim());
  });
});
