/**
 * The console's Messages tab: the subscribe templates the local cloud knows, what each user has
 * accepted and not yet been sent, and every message sent (subscribe, uniform, customer service).
 */
import { maskOpenid } from '../console/mask';
import type { PanelContent } from '../console/api-types';
import type { ConsolePanel } from '../console/panel-contract';
import type { MessagesState } from './state';

const KIND_TEXT = {
  subscribe: '订阅消息 / subscribe',
  uniform: '统一服务消息 / uniform',
  'customer-service': '客服消息 / customer service',
} as const;

export function messagesConsolePanel(state: MessagesState): ConsolePanel {
  return {
    id: 'messages',
    title: { zh: '消息', en: 'Messages' },
    choose: (_choice, value) => void (state.answerMode = value === 'reject' ? 'reject' : 'accept'),
    content: (): PanelContent => ({
      blocks: [
        {
          kind: 'choice',
          id: 'subscribe-answer',
          caption: {
            zh: '模拟手机弹出订阅消息界面时，用户',
            en: 'When a simulated phone shows the subscribe sheet, the user',
          },
          options: [
            { value: 'accept', label: { zh: '允许', en: 'accepts' } },
            { value: 'reject', label: { zh: '拒绝', en: 'rejects' } },
          ],
          value: state.answerMode,
        },
        {
          kind: 'table',
          caption: {
            zh: '订阅消息模板（wxcloud.templates.json）',
            en: 'Subscribe templates (wxcloud.templates.json)',
          },
          columns: [
            { key: 'id', title: { zh: '模板 ID', en: 'Template id' } },
            { key: 'title', title: { zh: '标题', en: 'Title' } },
            { key: 'fields', title: { zh: '字段', en: 'Fields' } },
          ],
          rows: state
            .allTemplates()
            .map((template) => ({ id: template.id, title: template.title ?? '', fields: template.fields.join(', ') })),
        },
        {
          kind: 'table',
          caption: { zh: '用户接受的一次性订阅（剩余可发条数）', en: 'One-time acceptances left' },
          columns: [
            { key: 'openid', title: { zh: '用户', en: 'User' } },
            { key: 'template', title: { zh: '模板 ID', en: 'Template id' } },
            { key: 'left', title: { zh: '剩余', en: 'Left' } },
          ],
          rows: state
            .acceptancesLeft()
            .map((row) => ({ openid: maskOpenid(row.openid), template: row.template, left: row.left })),
        },
        {
          kind: 'table',
          caption: { zh: '已发送的消息（新的在前）', en: 'Messages sent (newest first)' },
          columns: [
            { key: 'kind', title: { zh: '类型', en: 'Kind' } },
            { key: 'touser', title: { zh: '接收用户', en: 'To' } },
            { key: 'template', title: { zh: '模板 / 类型', en: 'Template / type' } },
            { key: 'page', title: { zh: '跳转页面', en: 'Page' } },
            { key: 'data', title: { zh: '内容', en: 'Data' } },
            { key: 'at', title: { zh: '时间', en: 'At' } },
          ],
          rows: state
            .sent()
            .reverse()
            .map((message) => ({
              kind: KIND_TEXT[message.kind],
              touser: maskOpenid(message.touser),
              template: message.template ?? '',
              page: message.page ?? '',
              data: JSON.stringify(message.data),
              at: new Date(message.at).toISOString(),
            })),
        },
      ],
    }),
  };
}
