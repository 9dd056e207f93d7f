/** The in-memory rate limiter and revocation list, on a moved clock. */
import { RateLimiter } from './rate-limit';
import { Revocations } from './revocations';

it('limits each key per window, and starts afresh in the next window', () => {
  const clock = { now: 0 };
  const limiter = new RateLimiter(2, 60_000, () => clock.now);
  expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([
    true,
    true,
    false,
    true,
  ]);
  clock.now += 60_000;
  expect(limiter.take('a')).toBe(true);
});

it('remembers a revoked session until its tokens have expired, then forgets it', () => {
  const clock = { now: 0 };
  const revocations = new Revocations(() => clock.now);
  revocations.revoke('s1', 1000);
  expect(revocations.isRevoked('s1')).toBe(true);
  expect(revocations.isRevoked('s2')).toBe(false);
  clock.now = 1000;
  expect(revocations.isRevoked('s1')).toBe(false);
  revocations.revoke('s3', 5000);
  expect(revocations.size).toBe(1);
});
