import { clientAddressBehind } from './client-address';

describe('clientAddressBehind', () => {
  it('takes the address the trusted proxy appended, not the one the client wrote', () => {
    // The client sends "X-Forwarded-For: 6.6.6.6"; the one proxy appends the real peer, 203.0.113.7.
    expect(clientAddressBehind(1, '10.0.0.2', '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressBehind(1, '10.0.0.2', '203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts hops from the right: two proxies, two entries they wrote', () => {
    expect(clientAddressBehind(2, '10.0.0.3', '6.6.6.6, 203.0.113.7, 10.0.0.2')).toBe('203.0.113.7');
  });

  it('uses the socket with no trusted proxy, and the furthest entry there is when the header is short', () => {
    expect(clientAddressBehind(0, '198.51.100.1', '6.6.6.6')).toBe('198.51.100.1');
    expect(clientAddressBehind(1, '198.51.100.1', undefined)).toBe('198.51.100.1');
    expect(clientAddressBehind(3, '10.0.0.2', '203.0.113.7')).toBe('203.0.113.7');
  });
});
