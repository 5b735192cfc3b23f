// The home screen's version-and-updates card on a desk whose policy names a local update server with
// the bank's signed metadata: IT checks at once and sees the new version offered (the browser mode
// says it cannot install); metadata signed by another key is refused in words; both languages.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openDesk, startDesk } from './desk-host';
import { createDemo, DEMO, signIn } from './flow';
import { publicKeyLine, signReleaseDir } from '../../build/sign-release';

const pem = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

test('IT checks for an update: the signed new version is offered; one signed by another key is refused', async ({
  page,
}) => {
  const key = pem();
  const dir = mkdtempSync(join(tmpdir(), 'updates-e2e-'));
  const installer = Buffer.alloc(1000, 1);
  writeFileSync(join(dir, 'Branch-Desk-9.9.9.AppImage'), installer);
  writeFileSync(
    join(dir, 'latest-linux.yml'),
    `version: 9.9.9\nfiles:\n  - url: Branch-Desk-9.9.9.AppImage\n    sha512: ${createHash('sha512').update(installer).digest('base64')}\n    size: ${installer.length}\n`,
  );
  signReleaseDir(dir, key);
  const server = createServer((req, res) => {
    const path = join(dir, (req.url ?? '').replace(/^\/updates\//, ''));
    if (!existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200).end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const updateUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/updates/`;
  const desk = await startDesk({ updateUrl, updateReleaseKeys: [publicKeyLine(key)] });
  try {
    await openDesk(page, desk);
    await createDemo(page);
    await signIn(page, DEMO.admin);
    const card = page.getByRole('region', { name: '軟體版本與更新' });
    await expect(card).toContainText('尚未檢查');
    await card.getByRole('button', { name: '立即檢查更新' }).click();
    await expect(card.getByRole('status')).toHaveText('有新版本可安裝');
    await expect(card).toContainText('9.9.9');
    await expect(card).toContainText('瀏覽器模式無法安裝更新，請使用桌面程式');
    await expect(card.getByRole('button', { name: '立即安裝並重新開啟' })).toHaveCount(0);

    // The server's metadata re-signed by someone else's key: refused, and said so.
    signReleaseDir(dir, pem());
    await card.getByRole('button', { name: '立即檢查更新' }).click();
    await expect(card.getByRole('status')).toHaveText('更新資訊未通過本行簽章檢查，已拒絕；請通知資訊人員');
    await expect(card).toContainText('可安裝的新版本無');
    await page.getByRole('button', { name: 'English' }).click();
    const en = page.getByRole('region', { name: 'Version and updates' });
    await expect(en.getByRole('status')).toHaveText(
      "The update metadata failed the bank's signature check and was refused: tell IT",
    );
  } finally {
    await desk.stop();
    server.close();
  }
});
