// The message catalogues: every key in both languages, every literal key the console's code
// asks for present, and the same {placeholders} in both. No browser: a missing key is otherwise
// found only when a screen that asks for it throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const consoleDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'console');
const { messageCatalogues } = await import(path.join(consoleDir, 'i18n.js'));
const zh = messageCatalogues['zh-CN'];
const en = messageCatalogues.en;
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

test('both languages hold the same keys with the same placeholders', () => {
  assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), [], 'English keys without Chinese');
  assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'Chinese keys without English');
  for (const k of Object.keys(zh)) assert.equal(placeholders(en[k]), placeholders(zh[k]), `placeholders of ${k}`);
});

test('every message the code names literally is in the catalogue', () => {
  const missing = [];
  for (const file of readdirSync(consoleDir).filter((f) => f.endsWith('.js'))) {
    const src = readFileSync(path.join(consoleDir, file), 'utf8');
    // t('key'), and a key given to a helper that passes it on to t(): 'a.b' literals in calls.
    for (const m of src.matchAll(/\bt\('([a-z_.]+)'/g)) if (!(m[1] in zh)) missing.push(`${file}: ${m[1]}`);
    for (const m of src.matchAll(/'((?:register|apps|items|vbid|contact|money|setup)\.[a-z_.]+)'/g)) if (!(m[1] in zh)) missing.push(`${file}: ${m[1]}`);
  }
  assert.deepEqual([...new Set(missing)], []);
});

test('the codes shown through a template key are all there', () => {
  // Keys built as t(`prefix.${code}`): each code the API can send has its message.
  const families = {
    reason: ['not_listed', 'sanctioned', 'missing_qualification', 'qualification_level_too_low', 'qualification_expired',
      'qualification_suspended', 'qualification_revoked', 'not_yet_valid', 'insufficient_practitioners',
      'not_eligible', 'not_revealed', 'over_budget', 'invalid_price'],
    'apps.status': ['submitted', 'approved', 'rejected'],
    'items.status': ['pending', 'listed', 'rejected'],
    'tender.status': ['draft', 'open', 'opened', 'evaluated', 'awarded', 'failed', 'cancelled'],
    'vbid.status': ['submitted'],
    size: ['micro', 'small', 'medium', 'large'],
  };
  const missing = [];
  for (const [prefix, codes] of Object.entries(families)) for (const c of codes) if (!(`${prefix}.${c}` in zh)) missing.push(`${prefix}.${c}`);
  assert.deepEqual(missing, []);
});
