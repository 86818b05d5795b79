// The count job with SheetJS (npm "xlsx").
// usage: node count_sheetjs.js LIST.xlsx OUT.tsv
"use strict";
const fs = require("fs");
const XLSX = require("xlsx");

function fold(s) {
  return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
    .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function kindToSchemes(v) {
  const f = " " + fold(v) + " ";
  const out = [];
  if (f.includes(" bat buoc ") || f.includes(" bb ")) out.push("bhxh_mandatory");
  if (f.includes(" tu nguyen ") || f.includes(" tn ")) out.push("bhxh_voluntary");
  if (f.includes(" bhtn ") || f.includes(" that nghiep ")) out.push("bhtn");
  if (f.includes(" bhyt ") || f.includes(" y te ")) out.push("bhyt");
  if (!out.length) throw new Error("unknown kind " + v);
  return out;
}

const [path, out] = process.argv.slice(2);
const wb = XLSX.readFile(path, { dense: true, cellHTML: false, cellText: false, cellStyles: false });
const ws = wb.Sheets[wb.SheetNames[0]];
const rows = XLSX.utils.sheet_to_json(ws, { header: 1, raw: true, defval: null, blankrows: false });
let h = rows.findIndex((r) => r.some((c) => c !== null && fold(c) === "ma so bhxh"));
if (h < 0) throw new Error("no header");
const col = {};
rows[h].forEach((c, i) => { if (c !== null) col[fold(c)] = i; });
const [pid, code, kind] = [col["ma so bhxh"], col["ma xa"], col["loai hinh"]];
const seen = new Set();
const counts = new Map();
const kinds = new Map();
for (let i = h + 1; i < rows.length; i++) {
  const r = rows[i];
  const id = r[pid];
  if (id === null && r[code] === null && r[kind] === null) continue;
  if (typeof id !== "string" || !/^\d{10}$/.test(id)) throw new Error(`row ${i + 1}: malformed mã số BHXH ${id}`);
  let ks = kinds.get(r[kind]);
  if (!ks) { ks = kindToSchemes(r[kind]); kinds.set(r[kind], ks); }
  for (const s of ks) {
    const key = id + "|" + s;
    if (seen.has(key)) continue;
    seen.add(key);
    const k = r[code] + "\t" + s;
    counts.set(k, (counts.get(k) || 0) + 1);
  }
}
const lines = [...counts.entries()].map(([k, n]) => k + "\t" + n).sort();
fs.writeFileSync(out, lines.join("\n") + "\n");
