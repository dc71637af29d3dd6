/* The map's layout worker. elk.bundled.js keeps its worker half in a module that runs only
 * when an ELK is constructed; outside a document that module answers this worker's own
 * messages, so constructing one ELK here makes this script ELK's web worker. */
"use strict";
importScripts("/static/vendor/elk.bundled.js");
new ELK();
