// Start-up checks on principals: station keys must name real stations, and the published demo keys
// must never open a production gateway (nor may published demo webhook secrets sign for one).
import type { PrincipalsFile } from '../../contracts/principals.js';
import type { PlaceIndex } from '../domain/routing/place-index.js';

export function checkPrincipals(
  file: PrincipalsFile,
  places: PlaceIndex,
  env: 'development' | 'production',
): string[] {
  const problems: string[] = [];
  for (const p of file.principals) {
    if (p.role === 'station' && !places.station(p.id))
      problems.push(`principal ${p.id}: no station with that id in stations.json`);
    if (p.demo && env === 'production')
      problems.push(
        `principal ${p.id} uses a published demo key; replace it before running with GATEWAY_ENV=production`,
      );
    if (env === 'production' && p.webhook?.secrets.some((ref) => 'demo' in ref))
      problems.push(
        `principal ${p.id} uses a published demo webhook secret; reference an environment variable ({"env": "…"}) before running with GATEWAY_ENV=production`,
      );
  }
  return problems;
}
