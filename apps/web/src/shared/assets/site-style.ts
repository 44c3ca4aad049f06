/**
 * The one stylesheet (served at /assets/site.<hash>.css, cached for a year).
 * Kept in TypeScript so the SWC build ships it with the code. Colours meet
 * WCAG AA contrast on white; focus is always visible; one column below 40rem.
 */
export const siteCss = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1e1e1e;background:#fff}
a{color:#000091;text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #b34000;outline-offset:2px}
h1,h2,h3{line-height:1.25;margin:1.5rem 0 .75rem}
h1{font-size:1.75rem}h2{font-size:1.35rem}h3{font-size:1.1rem}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:.5rem;top:-10rem;background:#000091;color:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{top:.5rem}
.site-header{border-bottom:1px solid #ddd}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1.5rem;padding-top:.75rem;padding-bottom:.75rem}
@media (max-width:47.99rem){.site-header nav:not(.tools){order:1;flex-basis:100%}}
.brand{font-weight:700;font-size:1.2rem;color:#1e1e1e;text-decoration:none}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
nav a[aria-current=page]{font-weight:700}
.my-menu{position:relative}
.my-menu>summary{cursor:pointer;color:#000091;text-decoration:underline;text-underline-offset:.15em}
.my-menu>summary.current{font-weight:700}
.my-menu>ul{display:block;margin:.5rem 0 0;padding:.5rem 0 0;border-top:1px solid #ddd}
.my-menu li{margin:.25rem 0;overflow-wrap:anywhere}
@media (min-width:48rem){.my-menu>ul{position:absolute;right:0;top:100%;z-index:5;min-width:16rem;background:#fff;border:1px solid #ccc;border-radius:.25rem;padding:.5rem 1rem;margin-top:.25rem}}
.tools{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;font-size:.95rem}
.inline{display:inline;margin:0}
.link-button{background:none;border:0;padding:0;font:inherit;color:#000091;text-decoration:underline;cursor:pointer}
main{padding-bottom:3rem}
.site-footer{border-top:1px solid #ddd;padding:1rem 0 2rem;font-size:.95rem}
.site-footer ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}
.button,button.button{display:inline-block;background:#000091;color:#fff;border:2px solid #000091;border-radius:.25rem;padding:.6rem 1.2rem;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.button.secondary{background:#fff;color:#000091}
.fc{display:inline-flex;flex-direction:column;gap:.25rem;margin:.5rem 0}
.fc-button{display:inline-flex;align-items:center;gap:.75rem;background:#000091;color:#fff;text-decoration:none;padding:.6rem 1rem;border-radius:0;font-weight:700;min-height:3.5rem}
.fc-button svg{flex:none}
.fc-button:hover{background:#1212ff}
.fc-what{font-size:.9rem}
.card-list{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
.card{border:1px solid #ccc;border-radius:.25rem;padding:1rem}
.card h3{margin:0 0 .5rem}
.meta{color:#555;font-size:.95rem;margin:.25rem 0}
.tag{display:inline-block;border:1px solid #555;border-radius:1rem;padding:0 .6rem;font-size:.85rem;color:#1e1e1e}
fieldset{border:1px solid #ccc;border-radius:.25rem;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.settings-part{border:1px solid #ccc;border-radius:.25rem;margin:0 0 .75rem;padding:.5rem 1rem}
.settings-part summary{cursor:pointer;padding:.25rem 0}
.settings-part-name{font-weight:600}
.settings-part fieldset{border:0;margin:0;padding:0}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
.hint{display:block;color:#555;font-weight:400;font-size:.95rem}
input[type=text],input[type=email],input[type=password],select{font:inherit;width:100%;max-width:24rem;padding:.45rem .5rem;border:1px solid #555;border-radius:.2rem;background:#fff;color:#1e1e1e}
.filters{display:grid;gap:.5rem 1rem;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));align-items:end}
.field-error{color:#b00020;font-weight:600;margin:.25rem 0}
input[aria-invalid=true]{border:2px solid #b00020}
.error-summary{border:3px solid #b00020;padding:1rem;margin:1rem 0}
.error-summary h2{margin-top:0;font-size:1.15rem}
.notice{border-left:.4rem solid #000091;background:#f2f2f9;padding:.75rem 1rem;margin:1rem 0}
.notice.success{border-color:#18753c;background:#eef7f1}
.notice.warning{border-color:#b34000;background:#fff4ec}
.receipt{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.1rem;word-break:break-all}
.count{font-size:2rem;font-weight:700;margin:0}
.progress{margin:.75rem 0}
.progress p{margin:0 0 .25rem}
progress{width:100%;height:1.25rem;border:1px solid #1e1e1e;border-radius:.2rem;background:#fff;accent-color:#000091}
progress::-webkit-progress-bar{background:#fff}
progress::-webkit-progress-value{background:#000091}
.petition-grid{display:grid;gap:0 2rem}
@media (min-width:48rem){.petition-grid{grid-template-columns:minmax(0,2fr) minmax(16rem,1fr)}.petition-grid>.petition-text{grid-column:1;grid-row:1}}
.aside{border:1px solid #ccc;border-radius:.25rem;padding:0 1rem 1rem;align-self:start}
.timeline{list-style:none;padding:0;border-left:3px solid #555;margin-left:.4rem}
.timeline li{padding:0 0 .75rem 1rem;position:relative}
.timeline li::before{content:"";position:absolute;left:-.55rem;top:.45rem;width:.75rem;height:.75rem;border-radius:50%;background:#fff;border:3px solid #555}
.answer{border:1px solid #18753c;border-radius:.25rem;padding:0 1rem 1rem}
.share input{max-width:100%}
table.stacked{border-collapse:collapse;width:100%;margin:0 0 1rem}
table.stacked caption{text-align:left;font-weight:600;padding:.25rem 0}
table.stacked th,table.stacked td{text-align:left;vertical-align:top;border-bottom:1px solid #ccc;padding:.4rem .6rem}
table.stacked thead th{border-bottom:2px solid #555}
table.stacked tbody th{font-weight:400}
.nowrap{white-space:nowrap}
@media (max-width:39.99rem){table.stacked,table.stacked caption,table.stacked tbody,table.stacked tr,table.stacked th,table.stacked td{display:block}table.stacked thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}table.stacked tbody tr{border:1px solid #ccc;border-radius:.25rem;margin:0 0 .75rem;padding:.25rem .75rem}table.stacked tbody th,table.stacked tbody td{border:0;padding:.2rem 0;overflow-wrap:anywhere}table.stacked tbody th{font-weight:600}table.stacked [data-label]::before{content:attr(data-label);display:inline-block;min-width:8.5rem;margin-right:.5rem;font-weight:600;color:#555}table.stacked [data-label=""]::before{display:none}}
.pager{display:flex;flex-wrap:wrap;gap:1rem;margin:1.5rem 0}
.trap{display:none}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto!important;transition:none!important}}
`
  .replace(/\n/g, '')
  .trim();
