/**
 * The only script of the site, progressive enhancement: every page works
 * without it. It keeps a form from being sent twice, and refreshes a
 * petition's count every 30 s (the API's cached public view) while the tab is visible.
 */
export const enhanceJs = `(function(){
document.addEventListener('submit',function(e){var f=e.target;if(!f.hasAttribute('data-once'))return;if(f.dataset.sent){e.preventDefault();return}f.dataset.sent='1';setTimeout(function(){f.querySelectorAll('button[type=submit]').forEach(function(b){b.setAttribute('aria-disabled','true')})},0)});
var el=document.querySelector('[data-live-count]');if(!el||!window.fetch)return;
var id=el.getAttribute('data-live-count'),fmt=new Intl.NumberFormat(document.documentElement.lang);
setInterval(function(){if(document.hidden)return;fetch('/api/petitions/'+id,{headers:{accept:'application/json'}}).then(function(r){return r.ok?r.json():null}).then(function(p){if(p&&p.counts)el.textContent=fmt.format(p.counts.total)}).catch(function(){})},30000);
})();`;
