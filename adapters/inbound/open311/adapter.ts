// Open311 GeoReport v2 POST requests: a form-encoded service request (service_code, a location as
// lat+long or address_string, description, contact fields) becomes a canonical submission. The
// spec's api_key authenticates and is never kept; email, device_id and account_id have no canonical
// home and stay only in the archived request.
import { InboundProblem } from '../inbound-problem.js';
import { declaredCharset } from '../content-type.js';
import { parseForm } from '../form-urlencoded.js';
import type { InboundAdapter, InboundResult } from '../inbound-adapter.js';
import { readAttributes } from './attributes.js';
import type { Open311Service } from './services.js';

export interface Open311Context {
  services: readonly Open311Service[];
  /** The request time (GeoReport requests carry none), as an ISO date-time with offset. */
  receivedAt: string;
  /** GeoReport has no client id for a request; the gateway makes one. */
  externalId: string;
}

const one = (v: string | string[] | undefined): string | undefined =>
  (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const num = (v: string | undefined): number | string | undefined =>
  v !== undefined && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;

export function open311Adapter(ctx: Open311Context): InboundAdapter {
  return {
    name: 'open311',
    mediaTypes: ['application/x-www-form-urlencoded'],
    parse(body: Uint8Array, contentType: string): InboundResult {
      const { fields, quality } = parseForm(body, declaredCharset(contentType));
      const code = one(fields.service_code);
      if (code === undefined)
        throw new InboundProblem(
          400,
          'validation_failed',
          'The request is not valid',
          'service_code is required',
          [{ path: 'service_code', message: 'required; see GET /open311/v2/services.json' }],
        );
      const service = ctx.services.find((s) => s.service_code === code);
      // GeoReport v2: an unknown service_code is a 404, not a 400.
      if (!service)
        throw new InboundProblem(
          404,
          'not_found',
          'No such service',
          `service_code "${code.slice(0, 40)}" is not a service of this gateway`,
          [{ path: 'service_code', message: 'unknown service; see GET /open311/v2/services.json' }],
        );
      const lat = one(fields.lat);
      const lng = one(fields.long);
      const address = one(fields.address_string);
      const addressId = one(fields.address_id);
      if ((lat === undefined) !== (lng === undefined)) {
        throw new InboundProblem(
          400,
          'validation_failed',
          'The request is not valid',
          'lat and long come together',
          [
            {
              path: lat === undefined ? 'lat' : 'long',
              message: 'required when the other coordinate is given',
            },
          ],
        );
      }
      if (lat === undefined && address === undefined && addressId === undefined) {
        throw new InboundProblem(
          400,
          'validation_failed',
          'The request is not valid',
          'A location is required: lat and long, address_string or address_id',
          [
            {
              path: 'address_string',
              message: 'required unless lat and long or address_id are given',
            },
          ],
        );
      }
      if (addressId !== undefined && addressId.length > 100)
        throw new InboundProblem(
          400,
          'validation_failed',
          'The request is not valid',
          'address_id is at most 100 characters',
          [{ path: 'address_id', message: 'at most 100 characters' }],
        );
      const attributes = readAttributes(fields, service);
      const description = one(fields.description);
      const name = [one(fields.last_name), one(fields.first_name)].filter(Boolean).join('');
      const media = one(fields.media_url);
      const submission = {
        externalId: ctx.externalId,
        channel: 'other',
        type: service.requestType,
        topic: service.topic,
        title: service.service_name,
        content: description ?? service.service_name,
        caller: {
          ...(name !== '' ? { name } : {}),
          ...(one(fields.phone) !== undefined ? { phone: one(fields.phone) } : {}),
        },
        location: {
          // address_id alone (the city's own address key) cannot be routed here: the order goes to
          // triage with the key written where a dispatcher reads it, and kept in extra.
          ...(address !== undefined
            ? { address }
            : lat === undefined && addressId !== undefined
              ? { address: `Open311 address_id ${addressId}` }
              : {}),
          ...(lat !== undefined ? { point: { lat: num(lat), lng: num(lng) } } : {}),
        },
        receivedAt: ctx.receivedAt,
        attachments: media !== undefined ? [{ url: media }] : [],
        extra: {
          open311_service_code: code,
          ...(addressId !== undefined ? { open311_address_id: addressId } : {}),
          ...(Object.keys(attributes).length > 0 ? { open311_attributes: attributes } : {}),
        },
      };
      return {
        submission,
        quality,
        labels: {
          content: 'description',
          'caller.name': 'first_name/last_name',
          'caller.phone': 'phone',
          'location.address': 'address_string',
          'location.point.lat': 'lat',
          'location.point.lng': 'long',
          'attachments.0.url': 'media_url',
          title: 'service_code',
        },
      };
    },
  };
}
