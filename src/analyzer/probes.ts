import { GENERIC_PROBE_PATHS, HEALTH_PATHS } from '../catalog/frameworks.js';

/** Segments an operational path may sit under: `/api`, `/v1`, `/internal`, `/_system`. */
const API_PREFIX = /^(?:api|v\d+|internal|_?sys(?:tem)?|ops|monitoring|_)$/u;

const isParameter = (segment: string) => segment.startsWith(':') || segment.startsWith('*') || segment.includes('(');

/**
 * Whether a full route path is a health probe: one of the probe paths (`/health`, `/healthz`,
 * `/_health`, `/livez`, ...) under any prefix without parameters (`/api/v1/healthz`), or a
 * sub-path of one (`/health/ready`). The generic ones (`/ping`, `/status`, `/ready`) count only at
 * the end of a path, under nothing but API prefixes (`/api/v1/status`), since `/orders/:id/status`
 * is not a probe.
 */
export function isProbePath(path: string, probePaths: readonly string[] = HEALTH_PATHS): boolean {
  const segments = path.toLowerCase().split('/').filter((segment) => segment !== '');
  for (const probe of probePaths) {
    const probeSegments = probe.toLowerCase().split('/').filter((segment) => segment !== '');
    if (probeSegments.length === 0) continue;
    const generic = GENERIC_PROBE_PATHS.has(probe.toLowerCase());
    for (let start = 0; start + probeSegments.length <= segments.length; start++) {
      if (segments.slice(0, start).some(isParameter)) break;
      if (!probeSegments.every((segment, index) => segments[start + index] === segment)) continue;
      const rest = segments.slice(start + probeSegments.length);
      // `/health/ready` is a probe; `/health/:id` is a resource. `/api/v1/status` is one, `/pingwest/status` a feed.
      if (generic ? rest.length === 0 && segments.slice(0, start).every((segment) => API_PREFIX.test(segment)) : rest.length <= 1 && !rest.some(isParameter)) return true;
    }
  }
  return false;
}
