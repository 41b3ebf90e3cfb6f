import { describe, expect, it } from 'vitest';
import {
  displayStatus,
  mayAct,
  mayActWithAny,
  publicStateOn,
  statusOn,
  type CertificateFacts,
} from './certificate.rules.ts';

const cert: CertificateFacts = {
  fields: ['food', 'quality'],
  validFrom: '2024-01-01',
  validTo: '2026-12-31',
  statusChanges: [],
};

describe('an officer may act only with a certificate valid for the field on the date (行政处罚法 §42)', () => {
  it('allows acts within validity and field, both end days included', () => {
    expect(mayAct(cert, 'food', '2024-01-01')).toBeNull();
    expect(mayAct(cert, 'quality', '2026-12-31')).toBeNull();
  });

  it('refuses before the start and after the end', () => {
    expect(mayAct(cert, 'food', '2023-12-31')).toBe('CERTIFICATE_NOT_YET_VALID');
    expect(mayAct(cert, 'food', '2027-01-01')).toBe('CERTIFICATE_EXPIRED');
  });

  it('refuses a field not on the certificate', () => {
    expect(mayAct(cert, 'drugs', '2025-06-01')).toBe('CERTIFICATE_FIELD_MISMATCH');
  });

  it('judges a past act by the status on its day, not today', () => {
    const suspended = {
      ...cert,
      statusChanges: [
        { status: 'suspended' as const, effectiveOn: '2025-03-01' },
        { status: 'valid' as const, effectiveOn: '2025-06-01' },
        { status: 'revoked' as const, effectiveOn: '2026-02-01' },
      ],
    };
    expect(mayAct(suspended, 'food', '2025-02-28')).toBeNull();
    expect(mayAct(suspended, 'food', '2025-03-01')).toBe('CERTIFICATE_SUSPENDED');
    expect(mayAct(suspended, 'food', '2025-06-01')).toBeNull();
    expect(mayAct(suspended, 'food', '2026-02-01')).toBe('CERTIFICATE_REVOKED');
    expect(statusOn(suspended.statusChanges, '2030-01-01')).toBe('revoked');
  });

  it('lets any one of several certificates suffice, and names the refusal of one for the field', () => {
    const drugs = { ...cert, fields: ['drugs'], validTo: '2025-01-01' };
    expect(mayActWithAny([drugs, cert], 'food', '2025-06-01')).toBeNull();
    expect(mayActWithAny([drugs, cert], 'drugs', '2025-06-01')).toBe('CERTIFICATE_EXPIRED');
    expect(mayActWithAny([drugs], 'pricing', '2025-06-01')).toBe('CERTIFICATE_FIELD_MISMATCH');
    expect(mayActWithAny([], 'food', '2025-06-01')).toBe('CERTIFICATE_FIELD_MISMATCH');
  });

  it('shows a valid certificate past its end as expired', () => {
    expect(displayStatus('valid', '2026-01-01', '2026-11-28')).toBe('expired');
    expect(displayStatus('suspended', '2026-01-01', '2026-11-28')).toBe('suspended');
    expect(displayStatus('valid', '2026-12-31', '2026-11-28')).toBe('valid');
  });
});

describe('the public page tells anyone whether a certificate is valid today (亮证执法, seed S-3)', () => {
  it('says valid only inside the validity and while not suspended or revoked', () => {
    expect(publicStateOn(cert, '2025-06-01')).toBe('valid');
    expect(publicStateOn(cert, '2023-12-31')).toBe('not_yet_valid');
    expect(publicStateOn(cert, '2027-01-01')).toBe('expired');
  });

  it('shows a suspension or revocation from its effective date, even inside the validity', () => {
    const changes = [{ status: 'suspended' as const, effectiveOn: '2025-03-01' }];
    expect(publicStateOn({ ...cert, statusChanges: changes }, '2025-02-28')).toBe('valid');
    expect(publicStateOn({ ...cert, statusChanges: changes }, '2025-03-01')).toBe('suspended');
    const revoked = [{ status: 'revoked' as const, effectiveOn: '2025-03-01' }];
    expect(publicStateOn({ ...cert, statusChanges: revoked }, '2027-06-01')).toBe('revoked');
  });
});
