import { actionKindLabels } from '../../powers/action-kinds.ts';
import type { ReviewPackage } from '../package.ts';
import { worst, type PrecheckResult, type PrecheckStatus } from './precheck.ts';

/**
 * The item is the agency's own, in its power list and in force on the date of the act, of the case's kind
 * and field, and the act happened within the agency's territory (行政处罚法 §17, §22: 由具有行政处罚权的
 * 行政机关在法定职权范围内实施；由违法行为发生地的行政机关管辖).
 */
export function powerListCheck(pkg: ReviewPackage): PrecheckResult {
  const evidence: string[] = [];
  const statuses: PrecheckStatus[] = [];
  const fail = (line: string) => (statuses.push('fail'), evidence.push(line));
  const warn = (line: string) => (statuses.push('warn'), evidence.push(line));
  const ok = (line: string) => (statuses.push('pass'), evidence.push(line));
  const item = pkg.item;
  if (!item) {
    fail('案件未关联权责清单中的执法事项');
  } else {
    const name = `${item.code} ${item.name}`;
    if (item.agencyId !== pkg.agency.id) fail(`事项 ${name} 不属于${pkg.agency.name}的权责清单`);
    else if (item.version === null)
      fail(`事项 ${name} 在违法行为发生时（${pkg.act.endedOn}）没有施行中的版本`);
    else if (item.withdrawn) fail(`事项 ${name} 已从权责清单中取消`);
    else ok(`事项 ${name} 第 ${item.version} 版在 ${pkg.act.endedOn} 施行`);
    if (item.kind !== pkg.kind) {
      fail(`事项类别为${actionKindLabels[item.kind]}，案件为${actionKindLabels[pkg.kind]}`);
    }
    if (item.fields.length > 0 && !item.fields.includes(pkg.field)) {
      fail(`案件的执法领域 ${pkg.field} 不在事项的领域（${item.fields.join('、')}）之内`);
    } else if (item.fields.length === 0) {
      warn('权责清单未标明事项的执法领域，已按执法证的领域核对执法人员');
    }
  }
  const region = pkg.placeRegionCode;
  if (region === null) warn('案件未记录违法行为发生地的行政区划代码，无法核对地域管辖');
  else if (!region.startsWith(pkg.agency.regionCode)) {
    fail(`违法行为发生地（${region}）不在本机关辖区（${pkg.agency.regionCode}）之内`);
  } else ok(`违法行为发生地 ${region} 在本机关辖区 ${pkg.agency.regionCode} 之内`);
  return {
    code: 'power_list',
    label: '执法事项在权责清单、执法领域和地域管辖之内',
    point: 'competence',
    status: worst(statuses),
    basis: '行政处罚法 §17、§22；权责清单',
    evidence,
  };
}
