// Renders CSL-JSON items through citeproc-js, the citation processor inside Zotero and
// Mendeley, for tests/test_citeproc_js.py. Reads one JSON object from stdin:
//   {"module": path of citeproc_commonjs.js, "style": CSL XML, "lang": "en-US",
//    "locales": {"en-US": locale XML, ...}, "items": [CSL-JSON items]}
// and writes the bibliography as a JSON array of plain-text references, in the style's order.
'use strict';

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
	const request = JSON.parse(Buffer.concat(chunks).toString('utf-8'));
	const CSL = require(request.module);
	const items = new Map(request.items.map((item) => [String(item.id), item]));
	const sys = {
		retrieveLocale: (lang) => request.locales[lang] || request.locales['en-US'],
		retrieveItem: (id) => items.get(String(id)),
	};
	const engine = new CSL.Engine(sys, request.style, request.lang, true);
	engine.setOutputFormat('text');
	engine.updateItems([...items.keys()]);
	const [, references] = engine.makeBibliography();
	process.stdout.write(JSON.stringify(references.map((text) => text.trim())) + '\n');
});
