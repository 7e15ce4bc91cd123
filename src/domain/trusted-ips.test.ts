import { describe, expect, it } from 'vitest';
import { isTrustedIp, isValidTrustedIp } from './trusted-ips.js';

describe('trusted IPs', () => {
  it('allows everyone when the list is empty', () => {
    expect(isTrustedIp([], '8.8.8.8')).toBe(true);
  });
  it('matches addresses and CIDR blocks, IPv4-mapped IPv6 included', () => {
    const list = ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'];
    expect(isTrustedIp(list, '203.0.113.99')).toBe(true);
    expect(isTrustedIp(list, '::ffff:198.51.100.7')).toBe(true);
    expect(isTrustedIp(list, '2001:db8::1')).toBe(true);
    expect(isTrustedIp(list, '127.0.0.1')).toBe(false);
  });
  it('validates entries', () => {
    expect(isValidTrustedIp('10.0.0.0/8')).toBe(true);
    expect(isValidTrustedIp('10.0.0.300')).toBe(false);
    expect(isValidTrustedIp('10.0.0.0/33')).toBe(false);
    expect(isValidTrustedIp('10.0.0.0/8/1')).toBe(false);
  });
});
