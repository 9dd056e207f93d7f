/**
 * The console's one HTML page, rendered on the server: the header with the reset button, a tab
 * per panel (built-in and contributed) and each built-in panel's skeleton (forms and headings).
 * The script (client/, bundled by assets.ts) fills the panels through the typed API.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Bilingual, OverviewResponse, PanelSummary } from './api-types';

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

const both = (text: Bilingual) => html`${text.zh} <small lang="en">${text.en}</small>`;

const tabLink = (panel: PanelSummary) =>
  html`<a href="#${panel.id}" data-tab="${panel.id}" data-built-in="${String(panel.builtIn)}">${both(panel.title)}</a>`;

function panelSection(panel: PanelSummary): Markup {
  const content = panel.builtIn ? skeleton(panel.id) : html`<div class="blocks"></div>`;
  return html`<section class="panel" id="panel-${panel.id}" data-panel="${panel.id}" hidden>${content}</section>`;
}

export function renderPage(overview: OverviewResponse, styles: string, scriptUrl: string): Markup {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>云开发本地模拟器 · CloudBase emulator console</title>
        <link rel="icon" type="image/svg+xml" href="/console/assets/favicon.svg" />
        <style>
          ${raw(styles)}
        </style>
        <script defer src="${scriptUrl}"></script>
      </head>
      <body>
        <header class="top">
          <h1>云开发本地模拟器 <small lang="en">CloudBase emulator</small></h1>
          <span class="env"
            >环境 <small lang="en">env</small> <code>${overview.envId}</code> · <code>${overview.baseUrl}</code></span
          >
          <button id="reset" class="danger" type="button">重置所有数据 <small lang="en">Reset</small></button>
        </header>
        <nav class="tabs">${overview.panels.map(tabLink)}</nav>
        <p id="notice" class="notice" hidden></p>
        <main>${overview.panels.map(panelSection)}</main>
      </body>
    </html>`;
}

function skeleton(id: string): Markup {
  switch (id) {
    case 'database':
      return databaseSkeleton();
    case 'functions':
      return html`<h2>函数 <small lang="en">Functions</small></h2>
        <table class="grid" id="function-list"></table>
        <h2>
          调用记录 <small lang="en">Invocations</small> <span class="live">实时 <small lang="en">live</small></span>
        </h2>
        <div id="invocations"></div>`;
    case 'phones':
      return html`<form id="launch-form" class="inline-form">
          <label><span>OpenID</span> <input name="openid" required value="oConsole-demo-0001" /></label>
          <label><span>AppID</span> <input name="appid" required value="wxConsoleDemo" /></label>
          <label
            ><span>UnionID（可选） <small lang="en">optional</small></span> <input name="unionid" value=""
          /></label>
          <button type="submit">启动小程序 <small lang="en">Launch</small></button>
        </form>
        <div id="phones" class="phones"></div>`;
    case 'users':
      return html`<h2><code>users</code> 集合 <small lang="en">collection</small> <span id="users-total"></span></h2>
        <div class="table-scroll"><table class="grid" id="users"></table></div>`;
    default:
      return html``;
  }
}

function databaseSkeleton(): Markup {
  return html`<div class="db">
    <aside class="collections">
      <h2>集合 <small lang="en">Collections</small></h2>
      <ul id="collection-list"></ul>
      <form id="new-collection" class="stack">
        <input
          name="name"
          required
          pattern="[a-zA-Z0-9][a-zA-Z0-9_-]{1,32}"
          title="以字母或数字开头，2-33 个字母、数字、- 或 _ / a letter or digit, then 1-32 letters, digits, - or _"
          placeholder="新集合名 / new collection"
        /><button type="submit">创建集合 <small lang="en">Create</small></button>
      </form>
      <label class="button"
        >导入 <small lang="en">Import</small> <code>&lt;集合&gt;.json</code
        ><input id="import-files" type="file" multiple accept=".json,application/json" hidden
      /></label>
    </aside>
    <div class="documents">
      <div class="collection-head">
        <h2 id="collection-title">选择一个集合 <small lang="en">Pick a collection</small></h2>
        <a id="export-link" class="button" hidden>导出 <small lang="en">Export</small></a>
      </div>
      <div id="collection-rules" class="rules"></div>
      <form id="query-form" class="inline-form" hidden>
        <label
          ><span>条件 <small lang="en">filter</small></span>
          <input name="filter" class="mono" placeholder='{"loginCount": {"$gt": 1}}'
        /></label>
        <label
          ><span>排序 <small lang="en">order</small></span>
          <input name="order" class="mono" placeholder='{"createdAt": -1}'
        /></label>
        <button type="submit">查询 <small lang="en">Query</small></button>
        <button type="button" id="add-document">添加文档 <small lang="en">Add document</small></button>
      </form>
      <div id="documents"></div>
      <div class="pager" hidden>
        <button type="button" id="prev-page">上一页 <small lang="en">Prev</small></button><span id="page-info"></span
        ><button type="button" id="next-page">下一页 <small lang="en">Next</small></button>
      </div>
    </div>
  </div>`;
}
