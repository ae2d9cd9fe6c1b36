// XML in, with the classic attacks shut out: no DOCTYPE, so no entity expansion ("billion laughs")
// and no external entities (XXE); nesting bounded by the parser itself (it knows a closing tag inside a
// comment, CDATA or processing instruction closes nothing); elements named like Object's prototype
// renamed so they stay plain data; every parser failure a 400 problem. Values stay strings (a phone
// "0731…" must not become a number).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InboundProblem } from './inbound-problem.js';

const MAX_DEPTH = 32;

/** Names that would reach an object's prototype if used as keys; fast-xml-parser throws on them. */
const PROTOTYPE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const harmlessName = (name: string): string => (PROTOTYPE_NAMES.has(name) ? `#${name}` : name);

const tooDeep = () =>
  new InboundProblem(
    400,
    'xml_too_deep',
    'XML nested too deeply',
    `Elements may nest at most ${MAX_DEPTH} levels`,
  );

/** The XML declaration's encoding, for bodies whose Content-Type names none. */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_-]+)["']/.exec(head)?.[1];
}

export function parseXml(text: string): unknown {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new InboundProblem(
      400,
      'xml_dtd_forbidden',
      'XML document type declarations are refused',
      'DOCTYPE and ENTITY declarations (entity expansion, external entities) are not accepted; send plain elements',
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new InboundProblem(
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
    maxNestedTags: MAX_DEPTH,
    transformTagName: harmlessName,
  });
  try {
    return parser.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/nested tags/i.test(message)) throw tooDeep();
    // Whatever else the parser refuses is the sender's document, not our failure.
    throw new InboundProblem(400, 'malformed_xml', 'Malformed XML', message.slice(0, 200));
  }
}
