/** The Users tab: the `users` collection as a table, openids masked as the mini-program masks them. */
import type { UsersResponse } from '../api-types';
import { api, both, formatTime, h } from './dom';

export function usersPanel() {
  async function refresh(): Promise<void> {
    const { users, total } = await api<UsersResponse>('users');
    const profileKeys = [...new Set(users.flatMap((user) => Object.keys(user.profile)))].sort();
    const head = h(
      'tr',
      {},
      h('th', {}, 'OpenID'),
      h('th', {}, 'UnionID'),
      h('th', {}, 'AppID'),
      h('th', {}, both('首次登录', 'First login')),
      h('th', {}, both('最近登录', 'Last login')),
      h('th', {}, both('登录次数', 'Logins')),
      ...profileKeys.map((key) => h('th', {}, key)),
    );
    const rows = users.map((user) =>
      h(
        'tr',
        {},
        h('td', {}, h('code', {}, user.openid)),
        h('td', {}, user.unionid ? h('code', {}, user.unionid) : both('未获取', 'none')),
        h('td', {}, user.appid ?? '-'),
        h('td', {}, formatTime(user.createdAt)),
        h('td', {}, formatTime(user.lastLoginAt)),
        h('td', { class: 'number' }, user.loginCount ?? '-'),
        ...profileKeys.map((key) => h('td', {}, user.profile[key] ?? '')),
      ),
    );
    document
      .getElementById('users')
      ?.replaceChildren(
        head,
        ...(rows.length
          ? rows
          : [
              h(
                'tr',
                {},
                h('td', { colspan: 6 + profileKeys.length, class: 'empty' }, both('还没有用户', 'No users yet')),
              ),
            ]),
      );
    const totalText = document.getElementById('users-total');
    if (totalText) totalText.textContent = `${total}`;
  }
  return { refresh };
}
