/**
 * The errors mini-program developers meet most on WeChat Cloud, with their usual causes and fixes
 * (WeChat's error code table and what these codes mean in practice). `doctor` prints them after
 * its checks, so a developer holding an error finds the cause next to the project's state.
 */

export interface CommonError {
  code: string;
  /** What the platform says, then the usual causes: "中文 / English". */
  meaning: string;
  fix: string;
}

export const COMMON_ERRORS: CommonError[] = [
  {
    code: '-404011',
    meaning:
      '云函数执行失败：函数没有部署到 wx.cloud.init 用的环境，或加载时就崩溃了（如 Cannot find module）/ ' +
      'cloud function execution failed: not deployed to the env wx.cloud.init uses, ' +
      'or it crashed while loading',
    fix: '部署到正确的环境，再看云开发控制台里该函数的日志 / deploy it to that env, then read the function log in the console',
  },
  {
    code: '-501000',
    meaning:
      '云端的通用错误，errMsg 方括号里是原因：常见的是 ResourceNotFound（函数或环境不存在）、InvalidParameter（env 写错）/ ' +
      'a generic cloud error whose errMsg says why in brackets: ' +
      'usually ResourceNotFound (no such function or env) or InvalidParameter (a wrong env)',
    fix:
      '核对 miniprogram/cloud-envs.ts（或 wx.cloud.init）的环境 ID 与函数所在环境一致；云函数里用 cloud.DYNAMIC_CURRENT_ENV / ' +
      'check the env id the app uses is the env the functions are in; ' +
      'use cloud.DYNAMIC_CURRENT_ENV in functions',
  },
  {
    code: '-502005',
    meaning:
      '集合不存在：云端数据库不会在第一次写入时自动建集合 / the collection does not exist: the cloud does not create one on the first write',
    fix:
      '在云开发控制台 → 数据库里新建这个集合（如 users），或在代码里先 db.createCollection / ' +
      'create it in the console (Database) or with db.createCollection first',
  },
  {
    code: '-604101',
    meaning:
      '无权限调用此开放接口：接口没有写进该函数 config.json 的 permissions.openapi / ' +
      "no permission for this open API: it is not listed in the function's config.json permissions.openapi",
    fix:
      '在 config.json 的 "permissions": { "openapi": [...] } 里加上接口名（如 phonenumber.getPhoneNumber），' +
      '然后重新部署该函数 / add the API name there and deploy the function again',
  },
  {
    code: 'UNIONID 为空 / empty UNIONID',
    meaning:
      'getWXContext() 只在小程序绑定到微信开放平台账号、且用户满足条件时才给 UNIONID / ' +
      'getWXContext() gives UNIONID only when the mini-program is bound to ' +
      'a WeChat Open Platform account and the user qualifies',
    fix:
      '在微信开放平台把小程序绑定到同一个开放平台账号；代码要允许 unionid 缺失（本项目从不用空值覆盖已知的 unionid）/ ' +
      'bind the mini-program on open.weixin.qq.com; ' +
      'let code work without unionid (this project never overwrites a known one with nothing)',
  },
];
