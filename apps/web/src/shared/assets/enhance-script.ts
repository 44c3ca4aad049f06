/**
 * The site's own script, progressive enhancement: every page works without
 * it. It keeps a form from being sent twice, hides the registration's
 * question once the browser's proof of work is verified (the registration
 * page also loads the ALTCHA widget, ADR 0041), and refreshes a petition's
 * count every 30 s (the API's cached public view) while the tab is visible.
 */
export const enhanceJs = `(function(){
document.addEventListener('submit',function(e){var f=e.target;if(!f.hasAttribute('data-once'))return;if(f.dataset.sent){e.preventDefault();return}f.dataset.sent='1';setTimeout(function(){f.querySelectorAll('button[type=submit]').forEach(function(b){b.setAttribute('aria-disabled','true')})},0)});
document.addEventListener('statechange',function(e){var w=e.target;if(!w||w.tagName!=='ALTCHA-WIDGET')return;var f=w.closest('fieldset'),q=f&&f.querySelector('[data-question]');if(q)q.hidden=!!(e.detail&&e.detail.state==='verified')},true);
var el=document.querySelector('[data-live-count]');if(!el||!window.fetch)return;
var id=el.getAttribute('data-live-count'),fmt=new Intl.NumberFormat(document.documentElement.lang);
setInterval(function(){if(document.hidden)return;fetch('/api/petitions/'+id,{headers:{accept:'application/json'}}).then(function(r){return r.ok?r.json():null}).then(function(p){if(p&&p.counts)el.textContent=fmt.format(p.counts.total)}).catch(function(){})},30000);
})();`;
