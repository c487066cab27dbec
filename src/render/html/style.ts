/**
 * The one stylesheet of every HTML report, inline in the page and allowed by the CSP through its
 * hash (page.ts), so no style comes from anywhere else and no `style=` attribute is ever needed.
 * Light and dark follow `prefers-color-scheme`; colours meet WCAG AA contrast in both (axe checks
 * them in test/browser); every colour has a text label beside it. Wide tables scroll inside their
 * own region, long names wrap anywhere, so a 390 px screen never scrolls the page sideways.
 */
export const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#4d4d4d;--line:#c8c8c8;--panel:#f4f5f7;--link:#0b57d0;
--ok:#1a7f37;--warn:#7a5200;--bad:#b3261e;--none:#6e7781}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#e6e6e6;--muted:#b4b4b4;--line:#3c4148;--panel:#1d2126;
--link:#8ab4f8;--ok:#4ac26b;--warn:#d4a72c;--bad:#ff7b72;--none:#8b949e}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header,main,footer{max-width:76rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
p,li,dd,td,th,summary,figcaption{overflow-wrap:anywhere}
a{color:var(--link)}
code,.url{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere;word-break:break-word}
h3 code{font-size:1rem}
.muted,footer{color:var(--muted)}
footer{margin:2rem auto 1rem;font-size:.85rem}
.summary{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;margin:.5rem 0;list-style:none}
.summary li{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.25rem .6rem}
.summary b{font-size:1.1rem}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0}
.scroll:focus{outline:2px solid var(--link)}
table{border-collapse:collapse;min-width:100%;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:var(--panel)}
td.num,th.num{text-align:right}
.chunk{content-visibility:auto;contain-intrinsic-size:auto 5000px}
table.chunked{table-layout:fixed;width:100%;min-width:56rem}
table.chunked th.wide{width:22%}
.sev{display:inline-block;min-width:4.5rem;text-align:center;border-radius:4px;padding:0 .4rem;font-weight:700;
font-size:.8rem;color:#fff;text-transform:uppercase}
.sev-critical{background:#7a0012}.sev-high{background:#b42318}.sev-medium{background:#8a4b00}
.sev-low{background:#245a9c}.sev-info{background:#4f5661}
.state{font-weight:700}
.st-ok{color:var(--ok)}.st-warn{color:var(--warn)}.st-bad{color:var(--bad)}.st-none{color:var(--muted)}
.why{margin:.25rem 0}
.findings{margin:.25rem 0 1rem;padding-left:1.25rem}
details{margin:.25rem 0}
summary{cursor:pointer}
.hosts{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:.75rem;padding:0;list-style:none}
.host{border:1px solid var(--line);border-left:6px solid var(--none);border-radius:6px;padding:.5rem .75rem;
background:var(--panel)}
.hosts.many>.host{content-visibility:auto;contain-intrinsic-size:auto 14rem}
.host.h-ok{border-left-color:var(--ok)}.host.h-warn{border-left-color:var(--warn)}.host.h-bad{border-left-color:var(--bad)}
.host h3{margin:0 0 .25rem}
.host dl{display:grid;grid-template-columns:max-content 1fr;gap:0 .5rem;margin:0}
.host dt{color:var(--muted)}.host dd{margin:0}
ol.chain{padding-left:1.5rem}
ol.chain li{margin:.15rem 0}
ol.timeline{list-style:none;padding-left:0;border-left:3px solid var(--line);margin-left:.5rem}
ol.timeline li{padding-left:.75rem}
.graph svg{display:block}
@media (max-width:40rem){th,td{min-width:7rem}}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#333;--panel:#fff;--link:#000}
body{font-size:11pt}
header,main,footer{max-width:none}
.scroll{overflow:visible}
.chunk{content-visibility:visible}
table.chunked{min-width:0}
details::details-content{content-visibility:visible;display:contents}
summary{list-style:none}
a[href]::after{content:" <" attr(href) ">";font-size:.8em;overflow-wrap:anywhere}
.host,tr,li{break-inside:avoid}
h2,h3{break-after:avoid}
}
`
  .trim()
  .replace(/\n/g, "");
