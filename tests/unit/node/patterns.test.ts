import { describe, expect, it } from 'vitest';
import { CLIENT_ID_PATTERN, EMAIL_PATTERN, REGION_PATTERN, regionOfPoolId } from '../../../shared/patterns.ts';

describe('shared patterns', () => {
  it('regions: one or more digits at the end (ap-southeast-10 exists as a name shape)', () => {
    for (const r of ['us-east-1', 'eu-central-2', 'us-gov-west-1', 'ap-southeast-10'])
      expect(REGION_PATTERN.test(r), r).toBe(true);
    for (const r of ['us-east', 'US-EAST-1', 'useast1', 'us-east-1a', ''])
      expect(REGION_PATTERN.test(r), r).toBe(false);
  });

  it('pool IDs: <region>_<id>, at most 55 characters', () => {
    expect(regionOfPoolId('us-east-1_AbC123xyz')).toBe('us-east-1');
    expect(regionOfPoolId('us-east-1_LocalPool')).toBe('us-east-1');
    expect(regionOfPoolId('us-east-1')).toBeNull();
    expect(regionOfPoolId('us-east-1_a-b')).toBeNull();
    expect(regionOfPoolId(`us-east-1_${'a'.repeat(45)}`)).toBe('us-east-1');
    expect(regionOfPoolId(`us-east-1_${'a'.repeat(46)}`)).toBeNull();
  });

  it('client IDs: letters, digits, _ and +, 1 to 128', () => {
    expect(CLIENT_ID_PATTERN.test('localwildrydeswebclient001')).toBe(true);
    expect(CLIENT_ID_PATTERN.test('a'.repeat(128))).toBe(true);
    for (const id of ['', 'a'.repeat(129), 'has space', 'dash-ed']) expect(CLIENT_ID_PATTERN.test(id), id).toBe(false);
  });

  it('emails: a domain of non-empty labels with a dot, so the code can be delivered', () => {
    for (const e of ['rider@example.com', 'r.i+der@mail.example.co.uk']) expect(EMAIL_PATTERN.test(e), e).toBe(true);
    for (const e of [
      'rider@example',
      'rider@example..com',
      'rider@.example.com',
      'rider@example.com.',
      'ri der@example.com',
      'rider@@example.com',
      '@example.com',
    ]) {
      expect(EMAIL_PATTERN.test(e), e).toBe(false);
    }
  });
});
