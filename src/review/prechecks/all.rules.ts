import type { ReviewPackage } from '../package.ts';
import { avCheck } from './av.rules.ts';
import { discretionCheck } from './discretion.rules.ts';
import { documentsCheck } from './documents.rules.ts';
import { legalBasesCheck } from './legal-bases.rules.ts';
import { officersCheck } from './officers.rules.ts';
import { powerListCheck } from './power-list.rules.ts';
import type { PrecheckContext, PrecheckResult } from './precheck.ts';
import { deadlinesCheck, noticeCheck, stepOrderCheck } from './procedure.rules.ts';
import { timeBarCheck } from './time-bar.rules.ts';

/** Every automatic pre-check of a package, in the order of the seven review points (S-13). */
export function runPrechecks(pkg: ReviewPackage, ctx: PrecheckContext): PrecheckResult[] {
  return [
    powerListCheck(pkg),
    officersCheck(pkg),
    stepOrderCheck(pkg),
    noticeCheck(pkg, ctx),
    deadlinesCheck(pkg, ctx),
    timeBarCheck(pkg),
    avCheck(pkg),
    legalBasesCheck(pkg, ctx),
    discretionCheck(pkg),
    documentsCheck(pkg),
  ];
}
