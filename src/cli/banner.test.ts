import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/demo-data.ts';
import { demoAgenciesOf } from '../demo/load-demo.ts';
import { startBanner } from './banner.ts';

const base = { url: 'http://127.0.0.1:8080', where: 'PostgreSQL', logOrigin: 'gs.example/log' };

describe('the start banner of sanxiang serve', () => {
  it('says how to build the workbench, in Chinese and English, when web/dist is missing', () => {
    const text = startBanner({ ...base, demo: false, demoLoaded: false, workbenchBuilt: false }).join('\n');
    expect(text).not.toContain('http://127.0.0.1:8080/app/');
    expect(text).toContain('执法工作台尚未构建');
    expect(text).toContain('The workbench is not built');
    expect(text.match(/npm run build:web/g)).toHaveLength(2);
  });

  it('gives the workbench address and, in demo mode, each demo sign-in and its password', () => {
    const text = startBanner({ ...base, demo: true, demoLoaded: true }).join('\n');
    expect(text).toContain('执法工作台（工作人员登录）：http://127.0.0.1:8080/app/');
    expect(text).toContain(`密码均为 ${DEMO_PASSWORD}`);
    expect(text).toContain('zhangwei（张伟，执法人员、科室（所）负责人）');
    expect(text).toContain('admin（周敏，系统管理员，需动态验证码）');
    expect(text).toContain('wangzg（王志刚，法制审核人员、科室（所）负责人，需动态验证码）');
  });

  it('on the county platform (serve --demo=county) gives the sign-in of the supervision office alone', () => {
    const text = startBanner({
      ...base,
      demo: true,
      demoLoaded: true,
      demoAgencies: demoAgenciesOf('county'),
    }).join('\n');
    expect(text).toContain('衡阳县人民政府行政执法协调监督办公室：');
    expect(text).toContain(
      'jiandu（陈立群，执法监督人员、系统管理员、平台管理员（全县共用数据），需动态验证码）',
    );
    expect(text).not.toContain('zhangwei');
  });

  it('prints no account and no password outside demo mode', () => {
    const text = startBanner({ ...base, demo: false, demoLoaded: false }).join('\n');
    expect(text).toContain('/app/');
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toContain('zhangwei');
  });
});
