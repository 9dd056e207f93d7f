/** A page's setData as the base library does it: data paths, functions kept, earlier renders left as they were. */
import { PageStack } from './pages';

function openPage(data: Record<string, unknown>) {
  const stack = new PageStack(['pages/list/list'], () => ({ data }));
  const page = stack.navigateTo('/pages/list/list');
  return { stack, page };
}

it('sets data paths, creating what they go through', () => {
  const { page } = openPage({ list: [{ title: 'a', checked: false }], user: { name: '小明' } });
  page.setData({ 'list[0].checked': true, 'user.city': '深圳', 'fresh.items[1]': 'x', plain: 1 });
  expect(page.data).toEqual({
    list: [{ title: 'a', checked: true }],
    user: { name: '小明', city: '深圳' },
    fresh: { items: [undefined, 'x'] },
    plain: 1,
  });
});

it('keeps functions in this.data, which structured cloning refused', () => {
  const onClose = () => 'closed';
  const { page } = openPage({ dialog: { onClose } });
  page.setData({ callbacks: { onConfirm: onClose } });
  expect((page.data.dialog as { onClose: () => string }).onClose()).toBe('closed');
  expect((page.data.callbacks as { onConfirm: () => string }).onConfirm).toBe(onClose);
});

it('leaves earlier renders and the caller’s objects as they were', () => {
  const { stack, page } = openPage({ list: [{ checked: false }] });
  const patch = { list: [{ checked: false }] };
  page.setData(patch);
  page.setData({ 'list[0].checked': true });
  patch.list[0]!.checked = true; // the caller changes its own object afterwards
  page.setData({});
  const checked = stack.renders.map((render) => (render.data.list as Array<{ checked: boolean }>)[0]?.checked);
  expect(checked).toEqual([false, true, true]);
  expect(stack.renders[0]?.data).not.toBe(stack.renders[1]?.data);
});
