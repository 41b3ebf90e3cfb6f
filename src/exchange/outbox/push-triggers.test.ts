import { describe, expect, it } from 'vitest';
import { eventKindLabels } from '../../labels.ts';
import { pushRecordTypes } from '../push.schema.ts';
import {
  namedKinds,
  pushSubjectsOf,
  recordTypesOf,
  subjectOfEvent,
  type TriggerEvent,
} from './push-triggers.ts';

const AGENCY = '01900000-0000-7000-8000-000000000001';
const CASE = '01900000-0000-7000-8000-0000000000c1';
let n = 0;
const event = (
  kind: string,
  subjectType: string,
  subjectId: string | null,
  record: unknown = {},
): TriggerEvent => ({
  id: `e${++n}`,
  kind,
  agencyId: AGENCY,
  subjectType,
  subjectId,
  record,
});

describe('which events change what the county sees (docs/county-push.md "The outbox")', () => {
  it('a case event names its case, whether about the case row or a row of the case', () => {
    expect(subjectOfEvent(event('cases.case_created', 'case', CASE))).toEqual({ of: 'case', id: CASE });
    expect(subjectOfEvent(event('cases.step', 'case_event', 'ev1', { case_id: CASE }))).toEqual({
      of: 'case',
      id: CASE,
    });
    expect(subjectOfEvent(event('cases.deadline_met', 'case_deadline', 'd1', { case_id: CASE }))).toEqual({
      of: 'case',
      id: CASE,
    });
    expect(subjectOfEvent(event('cases.payment_recorded', 'case_payment', 'p1', { case_id: CASE }))).toEqual({
      of: 'case',
      id: CASE,
    });
  });

  it('a review names the reviewed case (its result is in the summary); its findings do not', () => {
    expect(subjectOfEvent(event('review.concluded', 'review', 'r1', { case_id: CASE }))).toEqual({
      of: 'case',
      id: CASE,
    });
    expect(
      subjectOfEvent(event('review.finding_recorded', 'review_finding', 'f1', { review_id: 'r1' })),
    ).toBeNull();
  });

  it('a publication counts once the public sees it: published, withdrawn, ended, corrected — not drafts', () => {
    for (const step of ['published', 'withdrawn', 'ended', 'corrected']) {
      expect(subjectOfEvent(event(`publicity.publication_${step}`, 'publication', 'pub1'))).toEqual({
        of: 'publication',
        id: 'pub1',
      });
    }
    for (const step of ['drafted', 'edited', 'submitted', 'returned']) {
      expect(subjectOfEvent(event(`publicity.publication_${step}`, 'publication', 'pub1'))).toBeNull();
    }
    expect(subjectOfEvent(event('publicity.settings_changed', 'publicity_settings', 's1'))).toBeNull();
  });

  it('organisation events name the agency, the unit, the person, or the certificate (its holder)', () => {
    expect(subjectOfEvent(event('org.agency_updated', 'agency', AGENCY))).toEqual({
      of: 'agency',
      id: AGENCY,
    });
    expect(subjectOfEvent(event('org.unit_created', 'unit', 'u1'))).toEqual({ of: 'unit', id: 'u1' });
    expect(subjectOfEvent(event('org.person_updated', 'person', 'p1'))).toEqual({ of: 'person', id: 'p1' });
    for (const step of ['issued', 'edited', 'suspended', 'reinstated', 'revoked']) {
      expect(subjectOfEvent(event(`org.certificate_${step}`, 'certificate', 'c1'))).toEqual({
        of: 'certificate',
        id: 'c1',
      });
    }
    // roles and accounts are not in the officer record
    expect(subjectOfEvent(event('org.roles_changed', 'person', 'p1'))).toBeNull();
    expect(subjectOfEvent(event('org.account_created', 'account', 'a1'))).toBeNull();
  });

  it('only a published power-list version counts, not drafts or submissions', () => {
    expect(subjectOfEvent(event('powers.version_published', 'power_item', 'i1'))).toEqual({
      of: 'power_item',
      id: 'i1',
    });
    expect(subjectOfEvent(event('powers.version_drafted', 'power_item', 'i1'))).toBeNull();
    expect(subjectOfEvent(event('powers.version_submitted', 'power_item', 'i1'))).toBeNull();
  });

  it('sign-ins, documents, evidence, the witness and the pairing itself push nothing', () => {
    for (const kind of [
      'auth.signed_in',
      'documents.issued',
      'records.evidence_uploaded',
      'witness.checkpoint_cosigned',
      'upstream.paired',
    ]) {
      expect(subjectOfEvent(event(kind, 'x', 'y', { case_id: CASE }))).toBeNull();
    }
  });

  it('every kind the mapping names is a kind the server records (labels.ts), so none is misspelt', () => {
    expect(namedKinds.filter((k) => !(k in eventKindLabels))).toEqual([]);
    expect(Object.keys(eventKindLabels).filter((k) => k.startsWith('cases.')).length).toBeGreaterThan(20);
  });

  it('every subject gives push record types of the schema, and every type but checkpoints has a subject', () => {
    const types = new Set(Object.values(recordTypesOf).flat());
    expect([...types].every((t) => pushRecordTypes.includes(t))).toBe(true);
    expect(pushRecordTypes.filter((t) => !types.has(t))).toEqual(['checkpoint']);
  });
});

describe('the subjects of one command', () => {
  it('are each named once, with the last event that named them, in first-named order', () => {
    const a = event('cases.step', 'case_event', 'ev1', { case_id: CASE });
    const b = event('cases.deadline_met', 'case_deadline', 'd1', { case_id: CASE });
    const c = event('org.person_updated', 'person', 'p1');
    const d = event('cases.deadline_opened', 'case_deadline', 'd2', { case_id: CASE });
    expect(pushSubjectsOf([a, b, c, d])).toEqual([
      { of: 'case', id: CASE, agencyId: AGENCY, eventId: d.id },
      { of: 'person', id: 'p1', agencyId: AGENCY, eventId: c.id },
    ]);
  });

  it('leave out events of no agency', () => {
    expect(pushSubjectsOf([{ ...event('org.person_updated', 'person', 'p1'), agencyId: null }])).toEqual([]);
  });
});
