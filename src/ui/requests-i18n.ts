import { lang } from './i18n.js';

/** The Requests view's words, apart from i18n.ts so the view stays in its own files. */
const en = {
  requests: 'Requests',
  requestsHelp: 'Every call to the WeCom endpoints, newest first, as it happens. Secrets and tokens are redacted.',
  api: 'API',
  allApis: 'any API',
  corpFilter: 'Corp',
  allCorps: 'all corps',
  errcodeFilter: 'errcode',
  errorsOnly: 'Errors only',
  time: 'Time',
  call: 'Call',
  app: 'App',
  httpStatus: 'HTTP',
  errcode: 'errcode',
  ms: 'ms',
  noRequests: 'No calls recorded yet. Call an endpoint and it shows up here.',
  pickRequest: 'Click a call to see its query and body (redacted).',
  query: 'Query',
  body: 'Body',
  noBody: '(no body)',
  hint: 'Hint',
  fault: 'Injected fault',
  shown: (n: string) => `${n} calls shown`,
};

type Words = typeof en;

const zh: Words = {
  requests: '请求',
  requestsHelp: '对企业微信接口的每一次调用，最新的在前，实时更新。密钥和令牌已隐去。',
  api: '接口',
  allApis: '全部接口',
  corpFilter: '企业',
  allCorps: '全部企业',
  errcodeFilter: 'errcode',
  errorsOnly: '只看出错的',
  time: '时间',
  call: '调用',
  app: '应用',
  httpStatus: 'HTTP',
  errcode: 'errcode',
  ms: '毫秒',
  noRequests: '还没有记录到调用。调用一个接口，它就会出现在这里。',
  pickRequest: '点击一次调用，查看它的参数和请求体（已隐去密钥）。',
  query: '参数',
  body: '请求体',
  noBody: '（无请求体）',
  hint: '提示',
  fault: '注入的故障',
  shown: (n: string) => `显示 ${n} 次调用`,
};

export const rt: Words = lang === 'zh' ? zh : en;
