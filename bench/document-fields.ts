import { documentTypes, type DocumentType } from '../src/documents/document-types.ts';

/**
 * What the officer writes into a document (the fields whose source is the officer, such as a written
 * record's 在场人员 and 现场情况), a record's end time and the place of service, which the bench's case has no
 * step or address for.
 */
export function officerFields(type: DocumentType): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const field of documentTypes[type].fields as readonly {
    key: string;
    source: string;
    optional?: boolean;
  }[]) {
    if (field.source === 'officer' && !field.optional)
      fields[field.key] = '当事人在场，现场检查情况如实记录。';
    if (field.key === 'endTime') fields[field.key] = '2026年12月6日10时30分';
    if (type === 'proof_of_service' && field.key === 'place') fields[field.key] = '当事人经营场所';
    if (type === 'case_file_notes' && field.key === 'notes') fields[field.key] = '本卷材料齐全，无缺页。';
    if (type === 'advance_preservation_notice' && field.key === 'period') fields[field.key] = '七日';
  }
  return fields;
}
