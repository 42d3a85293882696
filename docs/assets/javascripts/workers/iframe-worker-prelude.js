/* The set-up of the frame that stands in for a web worker from file:// (iframe-worker-shim.js, iframe-worker 1.0.4,
   (c) Martin Donath, MIT licence). The original writes it as an inline script; as a file of the site it runs under
   the pages' Content-Security-Policy, which allows no inline script but Material's own, by their hashes. */
"use strict";(()=>{var worker=document.currentScript.dataset.worker;self.postMessage=function(s,n){parent.postMessage(s,n||"*")};self.importScripts=function(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())};addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:worker,error}))})})();
