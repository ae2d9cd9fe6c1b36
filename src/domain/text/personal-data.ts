// Personal data in what auditors, exports and Open311 read: phone numbers and ID card numbers are
// masked wherever they are written (a caller types "请回电13911112222" into the content as often as
// into the phone field), and a vendor's unmapped fields are masked by what their names say they hold
// (联系人, 身份证号 …). Names in free text cannot be found in general; structured names are masked where
// they are kept (the caller, the named fields), and the order's own callers' names wherever they are
// written (names-in-text.ts). Every masker leaves masked text unchanged, so data can
// pass through two of them (a view masked for an auditor, then a CSV column) without changing again.
import { maskName, maskPhone } from './phone.js';
import { callerNameMasker } from './names-in-text.js';

/** Mainland mobiles (optionally +86, spaced or dashed) and fixed lines with their area code. */
const PHONE_IN_TEXT =
  /(?<![\d*])(?:(?:\+|00)?86[-\s]?)?(?:1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}|\(?0\d{2,3}\)?[-\s]?\d{3,4}[-\s]?\d{4})(?![\d*])/gu;
/** A local number (7–8 digits) right after words that say it is one: 电话65432188, 座机：6543218. */
const LOCAL_AFTER_CUE =
  /((?:电话|手机|座机|号码|联系方式|致电|回电|拨打|tel|Tel|TEL)[:：\s]*)(\d{3,4}[-\s]?\d{4})(?![\d*])/gu;
/** Resident ID card numbers: 18 characters (last may be X) or the old 15 digits. */
const ID_IN_TEXT =
  /(?<![\dA-Za-z*])(?:[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![\dA-Za-z*])/gu;

/** 110105199001011234 → 1101**********1234. */
export function maskIdNumber(id: string): string {
  const chars = [...id.trim()];
  if (chars.length < 8) return '*'.repeat(chars.length);
  return `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
}

/** Free text with every phone and ID card number in it masked; everything else as written. */
export function maskPersonalText(text: string): string {
  return text
    .replace(ID_IN_TEXT, (m) => maskIdNumber(m))
    .replace(PHONE_IN_TEXT, (m) => maskPhone(m))
    .replace(LOCAL_AFTER_CUE, (_m, cue: string, number: string) => `${cue}${maskPhone(number)}`);
}

/** `maskPersonalText` that also masks these callers' names where the text writes them (黄先生 → 黄**). */
export function personalTextMasker(names: readonly string[]): (text: string) => string {
  const maskNames = callerNameMasker(names);
  return (text) => maskNames(maskPersonalText(text));
}

/** What a field's name says it holds (the common 12345 export columns and their variants). */
export function personalKind(fieldName: string): 'name' | 'phone' | 'id' | undefined {
  const n = fieldName.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
  if (/身份证|证件号|idcard|id_card|idnumber/u.test(n)) return 'id';
  if (/电话|手机|号码|联系方式|phone|mobile|tel/u.test(n)) return 'phone';
  if (/姓名|联系人|来电人|诉求人|反映人|投诉人|^name$|contactname/u.test(n)) return 'name';
  return undefined;
}

const maskerFor = {
  name: maskName,
  phone: maskPhone,
  id: maskIdNumber,
} as const;

/**
 * A copy of `value` with personal data masked: strings under a personal field name masked whole
 * (unless `byFieldName` is false: then a field called "name" may be a station's), every other string
 * by `maskPersonalText` and with the `names` given (the order's callers) masked where written. Keys
 * named in `keep` (identifiers, codes, links) are left alone. Walks without recursion; depth is
 * bounded by the caller (the free-form bounds).
 */
export function maskPersonalValue(
  value: unknown,
  options: { keep?: ReadonlySet<string>; byFieldName?: boolean; names?: readonly string[] } = {},
): unknown {
  const keep = options.keep ?? new Set<string>();
  const maskText = personalTextMasker(options.names ?? []);
  const kindOf = (k: string) => (options.byFieldName === false ? undefined : personalKind(k));
  const root: { v: unknown } = { v: undefined };
  const work: {
    src: unknown;
    set: (v: unknown) => void;
    kind: keyof typeof maskerFor | undefined;
  }[] = [{ src: value, set: (v) => (root.v = v), kind: undefined }];
  while (work.length > 0) {
    const { src, set, kind } = work.pop()!;
    if (typeof src === 'string') set(kind ? maskerFor[kind](src) : maskText(src));
    else if (typeof src === 'number' && kind !== undefined) set(maskerFor[kind](String(src)));
    else if (Array.isArray(src)) {
      const out: unknown[] = new Array<unknown>(src.length);
      set(out);
      src.forEach((x, i) => work.push({ src: x, set: (v) => (out[i] = v), kind }));
    } else if (src !== null && typeof src === 'object') {
      const out: Record<string, unknown> = {};
      set(out);
      for (const [k, x] of Object.entries(src)) {
        const define = (v: unknown) =>
          Object.defineProperty(out, k, {
            value: v,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        if (keep.has(k)) define(x);
        else work.push({ src: x, set: define, kind: kindOf(k) ?? kind });
      }
    } else set(src);
  }
  return root.v;
}
