// The {stationId} of /v1/stations/{stationId}/…: a station id as the directory allows it
// (contracts/places.ts), so a malformed one is a 400 naming path.stationId rather than a 404.
import { z } from 'zod';
import { Station } from '../../../../contracts/places.js';

export const StationIdParam = z.object({ stationId: Station.shape.id });
