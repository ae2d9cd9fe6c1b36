// The API reference page: a shell for Redoc (served from node_modules at /docs/redoc.standalone.js)
// and the script that starts it on /openapi.json. No inline script; Redoc's styled components need
// inline <style> elements, so style-src allows them, and its search index runs in a blob: worker.
export const docsCsp =
  "default-src 'none'; script-src 'self'; worker-src blob:; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'none'; " +
  "frame-ancestors 'none'; base-uri 'none'";

export const apiReferenceHtml = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hotline-gateway API 接口文档</title>
</head>
<body>
<noscript>The reference needs JavaScript; the document itself is at <a href="/openapi.json">/openapi.json</a>.</noscript>
<div id="redoc"></div>
<script src="/docs/redoc.standalone.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

export const apiReferenceInit = `// Starts Redoc on the gateway's own OpenAPI document.
/* global Redoc */
Redoc.init(
  '/openapi.json',
  {
    expandResponses: '200,201,202',
    jsonSampleExpandLevel: 3,
    pathInMiddlePanel: true,
    requiredPropsFirst: true,
    sortTagsAlphabetically: false,
    hideDownloadButton: false,
    theme: { typography: { fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif', headings: { fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif' } } },
  },
  document.getElementById('redoc'),
);
`;
