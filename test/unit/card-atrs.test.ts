// Cards told apart by ATR: the listed ones exactly; a MOICA card with other interface bytes by the
// applet its historical bytes name (ISO/IEC 7816-3), and nothing read past a short ATR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cardKind, historicalBytes } from '../../common/domain/card-atrs';

test('historical bytes after the interface bytes the TD chain declares; listed ATRs exactly; other MOICA issues by their applet', () => {
  assert.equal(historicalBytes('3BB813008131FA524348544D4F494341A5'), 'CHTMOICA');
  assert.equal(historicalBytes('3BD8960081B1FE451F0743485447504B494ADD'), 'CHTGPKIJ');
  assert.equal(historicalBytes('3BB81300'), '', 'declares more than it has');
  assert.equal(cardKind('3BEE00008131FE4580318066409093060F17830F9000F3'), 'nhi');
  // Another TA1 (a faster card of the same issue): not in the list, still a gen-1 MOICA card.
  assert.equal(cardKind('3B B8 96 00 81 31 FA 52 43 48 54 4D 4F 49 43 41 A5'), 'moica1');
  assert.equal(cardKind('3B D8 18 00 81 B1 FE 45 1F 07 43 48 54 47 50 4B 49 4A DD'), 'moica2');
  assert.equal(cardKind('3B F7 18 00 00 81 71 80 42 00 00 63 84 0C 01 90 00 A7'), 'bank');
  assert.equal(cardKind('3B 02 14 50'), 'unknown');
});
