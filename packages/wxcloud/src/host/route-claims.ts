/**
 * Which service serves which paths. Each service registers its routes on the shared app; the host
 * hands it a view of the app that records every path it claims, and refuses a second service
 * claiming a path another already serves: two services answering one URL would otherwise be
 * decided silently by registration order.
 *
 * A route's claim is its static part: `/functions/:name` claims everything under `/functions`,
 * `/wechat/session` only itself. Two claims collide when they are equal or one covers the other.
 */
import type { EmulatorApp } from './server';

interface Claim {
  service: string;
  /** The static segments before the first parameter or wildcard. */
  segments: string[];
  /** True when the route continues past `segments` (a parameter or wildcard): it covers a subtree. */
  subtree: boolean;
}

const REGISTERING_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'all', 'on', 'route']);

export class RouteClaims {
  private readonly claims: Claim[] = [];

  /** `app` as seen by `service`: registering works as usual, and each path is claimed first. */
  appFor(app: EmulatorApp, service: string): EmulatorApp {
    return new Proxy(app, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof property !== 'string' || !REGISTERING_METHODS.has(property) || typeof value !== 'function')
          return value;
        return (...args: unknown[]) => {
          for (const path of registeredPaths(property, args)) this.claim(service, path);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  claim(service: string, path: string): void {
    const claim = toClaim(service, path);
    const clash = this.claims.find((other) => other.service !== service && collide(claim, other));
    if (clash) {
      throw new Error(
        `route ${path} of service "${service}" overlaps routes of service ` +
          `"${clash.service}" (/${clash.segments.join('/')})`,
      );
    }
    this.claims.push(claim);
  }
}

/** The paths a call such as `app.get('/a', h)`, `app.on('GET', '/a', h)` or `app.route('/x', sub)` registers. */
function registeredPaths(method: string, args: unknown[]): string[] {
  if (method === 'route') {
    const [base, sub] = args as [string, { routes?: Array<{ path: string }> }];
    return (sub.routes ?? []).map((route) => joinPaths(base, route.path));
  }
  const path = method === 'on' ? args[1] : args[0];
  return typeof path === 'string'
    ? [path]
    : Array.isArray(path)
      ? path.filter((p): p is string => typeof p === 'string')
      : [];
}

function joinPaths(base: string, path: string): string {
  return `/${[...base.split('/'), ...path.split('/')].filter(Boolean).join('/')}`;
}

function toClaim(service: string, path: string): Claim {
  const all = path.split('/').filter(Boolean);
  const dynamic = all.findIndex((segment) => segment.startsWith(':') || segment.includes('*'));
  return dynamic === -1
    ? { service, segments: all, subtree: false }
    : { service, segments: all.slice(0, dynamic), subtree: true };
}

function collide(a: Claim, b: Claim): boolean {
  const covers = (outer: Claim, inner: Claim) =>
    outer.segments.length <= inner.segments.length &&
    outer.segments.every((segment, i) => inner.segments[i] === segment);
  if (a.segments.length === b.segments.length && covers(a, b)) return true;
  return (a.subtree && covers(a, b)) || (b.subtree && covers(b, a));
}
