// Zod's issues as the lines a person reads in a refusal: "path: reason", one per issue. Every place
// that refuses a configuration, an environment or a binding says it the same way.
import type { z } from 'zod';

export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}
