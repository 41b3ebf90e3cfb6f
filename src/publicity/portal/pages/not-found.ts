import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';

export function notFoundPage(): SafeHtml {
  return layout(
    { title: '页面不存在' },
    html`<h1>页面不存在</h1>
      <p>您要找的页面不存在或已移除。请返回<a href="/">首页</a>。</p>`,
  );
}
