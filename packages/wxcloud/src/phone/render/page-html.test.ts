import { convertRpx, renderedHtml, scopedWxss } from './page-html';
import type { RenderedElement } from './wxml-engine';

test('the rendered tree becomes escaped HTML with tap handlers and open-type controls marked', () => {
  const tree: RenderedElement = {
    tagName: 'main',
    event: {},
    attrs: [],
    children: [
      {
        tagName: 'wx-button',
        event: { tap: { handler: 'onRetry', isCatch: false } },
        attrs: [
          { name: 'class', value: 'retry' },
          { name: 'id', value: 'retry' },
        ],
        children: ['重试 <b>'],
      },
      {
        tagName: 'wx-button',
        event: { chooseavatar: { handler: 'onChooseAvatar', isCatch: false } },
        attrs: [{ name: 'id', value: 'choose-avatar' }],
        children: ['头像'],
      },
      { tagName: 'wx-view', event: {}, attrs: [{ name: 'hidden', value: true }], children: ['secret'] },
      { tagName: 'script', event: {}, attrs: [], children: ['x'] },
    ],
  };
  expect(renderedHtml(tree, (text) => text.replace('重试', 'Retry'))).toBe(
    '<wx-button class="retry" id="retry" data-handler="onRetry">Retry &#60;b&#62;</wx-button>' +
      '<wx-button id="choose-avatar" data-control="choose-avatar">头像</wx-button>x',
  );
});

test('WXSS is scoped to the frame, tags become the engine tags, rpx becomes px at 375 px', () => {
  expect(convertRpx('width: 750rpx; margin: -24rpx 1.5rpx')).toBe('width: 375px; margin: -12px 0.75px');
  const css = scopedWxss(
    'page { color: red }\n.cell, button.mini { padding: 32rpx }\n@keyframes spin { to { transform: rotate(360deg); } }',
    '.frame',
  );
  expect(css).toContain('.frame { color: red }');
  expect(css).toContain('.frame .cell, .frame wx-button.mini { padding: 16px }');
  expect(css).toContain('@keyframes spin { to { transform: rotate(360deg); } }');
});

test('images show the URL the console may load, inputs hold their bound value, forms and disabled are marked', () => {
  const tree: RenderedElement = {
    tagName: 'wx-form',
    event: { submit: { handler: 'onSubmit', isCatch: false } },
    attrs: [{ name: 'id', value: 'nickname-form' }],
    children: [
      {
        tagName: 'wx-image',
        event: {},
        attrs: [
          { name: 'src', value: 'cloud://env/a "b".png' },
          { name: 'mode', value: 'aspectFill' },
        ],
        children: [],
      },
      { tagName: 'wx-image', event: {}, attrs: [{ name: 'src', value: 'javascript:alert(1)' }], children: [] },
      {
        tagName: 'wx-input',
        event: {},
        attrs: [
          { name: 'name', value: 'nickName' },
          { name: 'value', value: '小明 "><script>' },
          { name: 'maxlength', value: '20' },
          { name: 'onfocus', value: 'alert(1)' },
        ],
        children: [],
      },
      { tagName: 'wx-textarea', event: {}, attrs: [{ name: 'name', value: 'bio' }], children: [] },
      {
        tagName: 'wx-button',
        event: {},
        attrs: [
          { name: 'form-type', value: 'submit' },
          { name: 'disabled', value: true },
        ],
        children: ['保存'],
      },
    ],
  };
  const url = (src: string) => (src.startsWith('cloud://') ? `/img?src=${encodeURIComponent(src)}` : undefined);
  expect(renderedHtml(tree, (text) => text, url)).toBe(
    '<wx-form id="nickname-form" data-form="nickname-form">' +
      '<wx-image mode="aspectFill"><img src="/img?src=cloud%3A%2F%2Fenv%2Fa%20%22b%22.png" alt=""></wx-image>' +
      '<wx-image></wx-image>' +
      '<wx-input><input type="text" name="nickName" maxlength="20" value="小明 &#34;&#62;&#60;script&#62;"></wx-input>' +
      '<wx-textarea><textarea name="bio"></textarea></wx-textarea>' +
      '<wx-button data-form-submit data-disabled>保存</wx-button>' +
      '</wx-form>',
  );
});
