/**
 * The rule of an amount typed in yuan: empty, or positive with at most two decimals. A negative amount is
 * told it must be positive (not that it has "too many decimals"); anything else is shown an example.
 */
export const amountRule = {
  validator: (_: unknown, value: string | undefined) => {
    const v = value?.trim() ?? '';
    if (v === '') return Promise.resolve();
    if (v.startsWith('-')) return Promise.reject(new Error('金额必须为正数'));
    if (!/^\d+(\.\d{1,2})?$/.test(v))
      return Promise.reject(new Error('请填写金额（元），如 5000 或 5000.50，最多两位小数'));
    return Promise.resolve();
  },
};
