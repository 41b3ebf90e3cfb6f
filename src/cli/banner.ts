import { DEMO_PASSWORD, demoAgencies, type DemoAgency } from '../demo/demo-data.ts';
import { roleLabels, rolesRequiringTotp } from '../platform/auth/roles.ts';

/**
 * What `sanxiang serve` prints once it listens: where the workbench, the portal, the API document and the
 * record log are, and in demo mode the demo's sign-ins (the password is the demo one, printed only then).
 */
export function startBanner(options: {
  url: string;
  where: string;
  logOrigin: string;
  demo: boolean;
  demoLoaded: boolean;
  /** Whether web/dist holds the workbench; a start never builds it (bin/prepare-web.js), it says how. */
  workbenchBuilt?: boolean;
  /** The agencies of the demo profile loaded (all of the demo's by default). */
  demoAgencies?: readonly DemoAgency[];
}): string[] {
  const { url } = options;
  const lines = [
    '',
    `  sanxiang 三项制度执法平台已启动（${options.where}）`,
    ...(options.workbenchBuilt === false ? workbenchNotBuilt : [`  执法工作台（工作人员登录）：${url}/app/`]),
    `  公开门户：${url}/        服务大厅公示屏：${url}/screen`,
    `  接口文档：${url}/api/docs`,
    `  记录日志：${url}/log/checkpoint   （origin ${options.logOrigin}，验证公钥 ${url}/log/key）`,
  ];
  if (!options.demo) return [...lines, ''];
  lines.push(
    `  ${options.demoLoaded ? '已载入演示数据。' : ''}演示账号（在执法工作台登录，密码均为 ${DEMO_PASSWORD}）：`,
    ...demoSignIns(options.demoAgencies ?? demoAgencies),
    '',
  );
  return lines;
}

/**
 * In place of the workbench's address when web/dist is missing (a checkout installed with
 * `--ignore-scripts`, or web/dist removed): how to build it. The start itself never builds it.
 */
export const workbenchNotBuilt = [
  '  执法工作台尚未构建（缺少 web/dist），/app/ 暂不可用：请在本目录运行 npm run build:web，然后重新启动。',
  '  The workbench is not built (web/dist is missing): run `npm run build:web` here, then start again.',
];

/** The demo's sign-ins of those agencies, by agency, and the note on the authenticator app. */
export function demoSignIns(agencies: readonly DemoAgency[], indent = '    '): string[] {
  const lines: string[] = [];
  for (const agency of agencies) {
    const people = agency.people.filter((p) => p.username);
    if (people.length === 0) continue;
    lines.push(`${indent}${agency.name}：`);
    for (const p of people) {
      const roles = p.roles.map((r) => roleLabels[r]).join('、');
      const totp = p.roles.some((r) => rolesRequiringTotp.has(r)) ? '，需动态验证码' : '';
      lines.push(`${indent}  ${p.username}（${p.name}，${roles}${totp}）`);
    }
  }
  lines.push(
    `${indent.slice(2)}标“需动态验证码”的账号首次登录需用手机验证器（如 Microsoft/Google Authenticator）扫码绑定。`,
  );
  return lines;
}
