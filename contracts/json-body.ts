// A JSON request body read one way everywhere it is read (the order API's bodies, the canonical
// and cn-12345 intakes): the same problems for bytes that are not UTF-8, an empty body and
// malformed JSON, whichever door the body came in by.
import { ProblemError } from './problem.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8: a body that is not valid UTF-8 is refused, never decoded with U+FFFD in it. */
export function utf8Text(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ProblemError(
      400,
      'invalid_encoding',
      'Body is not valid UTF-8',
      'JSON bodies must be UTF-8 encoded',
    );
  }
}

/** JSON text to a value. `required` says what an empty body should have held. */
export function jsonValue(text: string, required = 'A JSON body is required'): unknown {
  if (text.trim() === '') throw new ProblemError(400, 'empty_body', 'Empty body', required);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    // The parser's message names the position; capped so a hostile body cannot echo itself back.
    const detail = err instanceof Error ? err.message.slice(0, 200) : 'JSON.parse failed';
    throw new ProblemError(400, 'malformed_json', 'Malformed JSON', detail);
  }
}
