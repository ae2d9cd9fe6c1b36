// XML in, with the classic attacks shut out before any parser sees them: no DOCTYPE, so no entity
// expansion ("billion laughs") and no external entities (XXE); nesting is bounded so a deep document
// cannot exhaust the stack. Values stay strings (a phone "0731…" must not become a number).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HttpProblem } from '../../src/http/problem.js';

const MAX_DEPTH = 32;

function checkDepth(text: string): void {
  let depth = 0;
  for (const m of text.matchAll(/<(\/?)[^\s>/!?][^>]*?(\/?)>/g)) {
    if (m[1] === '/') depth--;
    else if (m[2] !== '/') depth++;
    if (depth > MAX_DEPTH)
      throw new HttpProblem(
        400,
        'xml_too_deep',
        'XML nested too deeply',
        `Elements may nest at most ${MAX_DEPTH} levels`,
      );
  }
}

/** The XML declaration's encoding, for bodies whose Content-Type names none. */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_-]+)["']/.exec(head)?.[1];
}

export function parseXml(text: string): unknown {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new HttpProblem(
      400,
      'xml_dtd_forbidden',
      'XML document type declarations are refused',
      'DOCTYPE and ENTITY declarations (entity expansion, external entities) are not accepted; send plain elements',
    );
  }
  checkDepth(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new HttpProblem(
      400,
      'malformed_xml',
      'Malformed XML',
      `${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  return parser.parse(text) as unknown;
}
