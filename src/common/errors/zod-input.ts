import type { z } from 'zod';
import { InputException } from './input.exception.js';

/** Turns the first zod issue into an InputException naming the field, e.g. `input.subjects.0.dateOfBirth`. */
export function inputExceptionFromZod(error: z.ZodError, prefix: string): InputException {
  const issues = error.issues;
  const describe = (issue: z.core.$ZodIssue) => [prefix, ...issue.path.map(String)].join('.');
  const [first] = issues;
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more: ${issues
          .slice(1, 4)
          .map((i) => `${describe(i)}: ${i.message}`)
          .join('; ')})`
      : '';
  return new InputException(describe(first), `${first.message}${more}`);
}
