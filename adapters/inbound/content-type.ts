// Content-Type parsing: the media type and the charset a sender declared, and the 415 for the rest.
import { InboundProblem } from './inbound-problem.js';

export type Charset = 'utf-8' | 'gbk' | 'gb18030';

const CHARSETS: Record<string, Charset> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  gbk: 'gbk',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  cp936: 'gbk',
  'windows-936': 'gbk',
  'euc-cn': 'gbk',
  gb18030: 'gb18030',
};

export function mediaType(contentType: string): string {
  return contentType.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The declared charset, undefined when none; an unsupported one is a 415 naming it. */
export function declaredCharset(
  contentType: string,
  field = 'header.Content-Type',
): Charset | undefined {
  const raw = /charset\s*=\s*"?([^";]+)"?/i.exec(contentType)?.[1]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  const cs = CHARSETS[raw];
  if (!cs) {
    throw new InboundProblem(
      415,
      'unsupported_charset',
      'Unsupported charset',
      `charset=${raw.slice(0, 40)} is not accepted; send UTF-8, GBK or GB18030`,
      [{ path: field, message: `unsupported charset ${raw.slice(0, 40)}` }],
    );
  }
  return cs;
}

export function requireMediaType(contentType: string, accepted: readonly string[]): string {
  const mime = mediaType(contentType);
  if (!accepted.includes(mime)) {
    throw new InboundProblem(
      415,
      'unsupported_media_type',
      'Unsupported content type',
      `Expected ${accepted.join(', ')}, got "${contentType.slice(0, 100) || 'none'}"`,
      undefined,
      { accept: accepted.join(', ') },
    );
  }
  return mime;
}
