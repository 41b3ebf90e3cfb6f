import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { controlCharacterErrors } from './control-characters.ts';
import { toProblem } from './problem.ts';

describe('toProblem', () => {
  it('keeps the standard members whatever the extra data is called', () => {
    const problem = toProblem(
      new AppError('REVIEW_INVALID_STATE', {
        detail: '该审核已办结',
        extra: { status: 'approved', type: 'x', title: 'y', code: 'z', instance: '/elsewhere', allowed: [] },
      }),
      '/api/v1/reviews/1/disagreement',
    );
    expect(problem).toMatchObject({
      type: 'urn:sanxiang:error:REVIEW_INVALID_STATE',
      title: '法制审核当前状态不允许此操作',
      status: 409,
      code: 'REVIEW_INVALID_STATE',
      detail: '该审核已办结',
      instance: '/api/v1/reviews/1/disagreement',
      allowed: [],
    });
  });
});

describe('controlCharacterErrors', () => {
  it('names every field holding NUL or another C0 control, in bodies, queries and params', () => {
    const query = Object.assign(Object.create(null) as object, { q: 'a\u0000b', ok: 'plain' });
    expect(
      controlCharacterErrors({
        params: { id: 'x\u001fy' },
        query,
        body: { name: 'ok', parties: [{ name: '某\u0007公司' }], nested: { deep: ['a', 'b\u000bc'] } },
      }).map((e) => e.path),
    ).toEqual(['params.id', 'query.q', 'body.parties.0.name', 'body.nested.deep.1']);
  });

  it('lets tab, line feed and carriage return through, and leaves file bodies alone', () => {
    expect(controlCharacterErrors({ body: { text: '第一行\r\n\t第二行' } })).toEqual([]);
    expect(controlCharacterErrors({ body: Buffer.from([0, 1, 2]) })).toEqual([]);
  });

  it('names a key holding a control character', () => {
    expect(controlCharacterErrors({ body: { 'a\u0000b': 1 } })).toEqual([
      { path: 'body.a?b', message: expect.stringContaining('控制字符') as unknown },
    ]);
  });
});
