/// The wallboard page at `/`: self-contained (no external assets). It reads
/// the supervisor token from the URL fragment (`/#token=...`, never sent to
/// the server or written to its logs) or asks for it, then streams
/// `/v1/stats/stream` with `fetch` (EventSource cannot send a bearer token).
enum Wallboard {
    static let html = #"""
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><title>ACD wallboard</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <style>
    body{font-family:system-ui,sans-serif;background:#111;color:#eee;margin:1.5em}
    h1{font-size:1.4em;margin:0 0 .5em}#status{color:#999;font-size:.9em}
    table{border-collapse:collapse;width:100%;font-size:1.6em;margin-bottom:1em}
    th,td{padding:.3em .6em;text-align:right;border-bottom:1px solid #333}th:first-child,td:first-child{text-align:left}
    th{color:#aaa;font-weight:normal;font-size:.7em}.bad{color:#f66}.ok{color:#6d6}
    #agents span{display:inline-block;margin-right:1.5em;font-size:1.4em}
    </style></head><body>
    <h1>ACD wallboard <span id="status">connecting…</span></h1>
    <table><thead><tr><th>Queue</th><th>Waiting</th><th>Longest wait</th><th>Service level today</th><th>Answered</th><th>Abandoned</th></tr></thead>
    <tbody id="queues"></tbody></table>
    <div id="agents"></div>
    <script>
    "use strict";
    function token(){
      var m=/token=([^&]+)/.exec(location.hash);
      if(m)return decodeURIComponent(m[1]);
      var t=sessionStorage.getItem("acdToken")||prompt("Supervisor token");
      if(t)sessionStorage.setItem("acdToken",t);
      return t;
    }
    function fmt(s){s=Math.round(s);return Math.floor(s/60)+":"+String(s%60).padStart(2,"0");}
    function cell(row,text,cls){var td=document.createElement("td");td.textContent=text;if(cls)td.className=cls;row.appendChild(td);}
    function render(s){
      var body=document.getElementById("queues");body.textContent="";
      s.queues.forEach(function(q){
        var tr=document.createElement("tr");
        cell(tr,q.queue);cell(tr,String(q.waiting));
        cell(tr,fmt(q.longestWaitSeconds),q.longestWaitSeconds>q.targetSeconds?"bad":"");
        var sl=q.serviceLevelToday;cell(tr,sl==null?"–":(100*sl).toFixed(1)+" %",sl==null?"":(sl>=0.8?"ok":"bad"));
        cell(tr,String(q.answeredToday));cell(tr,String(q.abandonedToday));
        body.appendChild(tr);
      });
      var a=document.getElementById("agents");a.textContent="";
      ["available","reserved","busy","wrap-up","not-ready","logged-out"].forEach(function(k){
        var sp=document.createElement("span");sp.textContent=k+": "+(s.agents[k]||0);a.appendChild(sp);
      });
      document.getElementById("status").textContent="live · "+new Date(s.time*1000).toLocaleTimeString();
    }
    async function run(){
      var t=token();
      while(true){
        try{
          var r=await fetch("/v1/stats/stream",{headers:{"Authorization":"Bearer "+t}});
          if(r.status==401||r.status==403){document.getElementById("status").textContent="token refused";sessionStorage.removeItem("acdToken");return;}
          var reader=r.body.getReader(),dec=new TextDecoder(),buf="";
          while(true){
            var x=await reader.read();if(x.done)break;
            buf+=dec.decode(x.value,{stream:true});
            var i;while((i=buf.indexOf("\n\n"))>=0){
              var chunk=buf.slice(0,i);buf=buf.slice(i+2);
              chunk.split("\n").forEach(function(l){if(l.indexOf("data: ")==0)render(JSON.parse(l.slice(6)));});
            }
          }
        }catch(e){}
        document.getElementById("status").textContent="reconnecting…";
        await new Promise(function(ok){setTimeout(ok,2000);});
      }
    }
    run();
    </script></body></html>
    """#
}
