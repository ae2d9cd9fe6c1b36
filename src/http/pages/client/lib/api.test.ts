// What a person reads when the API refuses: ApiError's message is the text the pages put in their
// toast (操作失败：…). Each reason appears once, even when the detail already says the field's reason.
import { describe, expect, it } from 'vitest';
import { ApiError } from './api.js';

const reason =
  '协办单位尚未反馈（交北头条社区网格工作站），须待其反馈协办意见或由分拨员结束协办后才能办结。';

describe('the text of a refusal', () => {
  it('says a reason the detail already gives once', () => {
    const err = new ApiError(409, {
      title: '工单当前状态不允许此操作',
      detail: reason,
      errors: [{ path: 'assists', message: reason }],
    });
    expect(err.message).toBe(reason);
  });

  it('adds field reasons the detail does not give, each once', () => {
    const err = new ApiError(400, {
      title: '请求内容有误',
      detail: '请检查填写的内容',
      errors: [
        { path: 'note', message: '必填' },
        { path: 'reason', message: '必填' },
        { path: 'dueAt', message: '须晚于现在' },
      ],
    });
    expect(err.message).toBe('请检查填写的内容；必填；须晚于现在');
  });
});
