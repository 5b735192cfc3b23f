// Authorization forms as a branch captures them, drawn by the tests: the bank's one-page form at
// 200 or 300 dpi on A4 with the customer's name and ID number printed, a red seal (印章) and a blue
// signature; and the same sheet as the document camera sees it (at an angle, a shadow across it,
// slightly out of focus), blurred, blank, or for another person.
import sharp from 'sharp';

export interface FormSpec {
  name?: string;
  idNumber?: string;
  dpi?: number;
  /** No seal and no signature (a form never signed). */
  unsigned?: boolean;
}

export async function capturedForm(spec: FormSpec = {}): Promise<Buffer> {
  const dpi = spec.dpi ?? 200;
  const W = Math.round((210 / 25.4) * dpi);
  const H = Math.round((297 / 25.4) * dpi);
  const u = dpi / 200; // drawn at 200 dpi, scaled
  const line = (y: number, text: string, size = 30) =>
    `<text x="${150 * u}" y="${y * u}" font-size="${size * u}" font-family="Noto Sans CJK TC">${text}</text>`;
  const clauses = [
    '本人同意貴行向財團法人金融聯合徵信中心查詢本人之所得資料（T50）、',
    '財產資料（T51）及勞保投保資料（T52），作為授信審核之用。',
    '本授權書之有效期間自簽署日起三十日，逾期失效。',
    '本人已詳閱並瞭解上述內容，並同意貴行依個人資料保護法蒐集、處理及利用。',
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <rect width="100%" height="100%" fill="#fdfcf8"/>
    <rect x="${90 * u}" y="${90 * u}" width="${W - 180 * u}" height="${H - 180 * u}" fill="none" stroke="#111" stroke-width="${3 * u}"/>
    ${line(260, '個人資料查詢授權書', 64)}
    ${line(420, `立書人姓名：${spec.name ?? '王小明'}`, 40)}
    ${line(500, `身分證字號：${spec.idNumber ?? 'A123456789'}`, 40)}
    ${clauses.map((c, i) => line(640 + i * 70, c)).join('')}
    ${line(1900, '立書人簽章：', 36)}
    ${line(2150, '中華民國 115 年 12 月 1 日', 32)}
    ${
      spec.unsigned
        ? ''
        : `<path d="M${420 * u} ${1900 * u} q ${60 * u} ${-90 * u} ${120 * u} 0 t ${120 * u} 0 t ${120 * u} ${-20 * u}" stroke="#1a3cc8" stroke-width="${7 * u}" fill="none"/>
      <g transform="translate(${1250 * u} ${1880 * u})">
        <rect x="${-110 * u}" y="${-110 * u}" width="${220 * u}" height="${220 * u}" fill="none" stroke="#d8232a" stroke-width="${12 * u}"/>
        <text x="${-85 * u}" y="${-5 * u}" font-size="${80 * u}" fill="#d8232a" font-family="Noto Serif CJK TC">王小</text>
        <text x="${-85 * u}" y="${85 * u}" font-size="${80 * u}" fill="#d8232a" font-family="Noto Serif CJK TC">明印</text>
      </g>`
    }
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toBuffer();
}

/** The form as a document camera photographs it: on a grey desk, turned a little, a shadow over one
 * side, slightly soft. `blur` makes it badly out of focus. */
export async function photographedForm(spec: FormSpec & { blur?: number } = {}): Promise<Buffer> {
  const sheet = await capturedForm(spec);
  const { width = 0, height = 0 } = await sharp(sheet).metadata();
  const turned = await sharp(sheet)
    .rotate(4, { background: '#6b6e70' })
    .blur(spec.blur ?? 0.8)
    .toBuffer();
  const meta = await sharp(turned).metadata();
  const shadow = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${meta.width}" height="${meta.height}">
      <defs><linearGradient id="s" x1="0" x2="1"><stop offset="0" stop-color="#000" stop-opacity="0.45"/><stop offset="0.5" stop-color="#000" stop-opacity="0"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#s)"/></svg>`,
  );
  void width;
  void height;
  return sharp(turned)
    .composite([{ input: shadow }])
    .jpeg({ quality: 88 })
    .toBuffer();
}

/** An empty sheet of paper, scanned. */
export async function blankPage(dpi = 200): Promise<Buffer> {
  const W = Math.round((210 / 25.4) * dpi);
  const H = Math.round((297 / 25.4) * dpi);
  return sharp({ create: { width: W, height: H, channels: 3, background: '#fbfaf6' } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The form as a document camera's whole frame shows it: the sheet smaller than the frame on a grey
 * desk, seen from the camera arm at an angle (its far edge narrower: a keystone drawn row by row
 * here, independently of the desk's own correction), turned, a shadow across, slightly soft. */
export async function cameraFrame(
  spec: FormSpec & { frame?: [number, number]; blur?: number } = {},
): Promise<{ jpeg: Buffer; rgb: Buffer; width: number; height: number }> {
  const [FW, FH] = spec.frame ?? [2448, 3264];
  const sheet = await sharp(await capturedForm(spec))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width: SW, height: SH } = sheet.info;
  const desk = [0x6b, 0x6e, 0x70];
  const frame = Buffer.alloc(FW * FH * 3);
  for (let i = 0; i < FW * FH; i++) frame.set(desk, i * 3);
  const bottomW = SW * 1.05;
  const topW = bottomW * 0.88;
  const tallH = SH * 1.0;
  const x0 = FW / 2;
  const y0 = (FH - tallH) / 2;
  for (let y = Math.ceil(y0); y < y0 + tallH; y++) {
    const t = (y - y0) / tallH;
    const rowW = topW + (bottomW - topW) * t;
    const v = Math.min(SH - 1, Math.floor(t * SH));
    for (let x = Math.ceil(x0 - rowW / 2); x < x0 + rowW / 2; x++) {
      const u = Math.min(SW - 1, Math.floor(((x - (x0 - rowW / 2)) / rowW) * SW));
      sheet.data.copy(frame, (y * FW + x) * 3, (v * SW + u) * 3, (v * SW + u) * 3 + 3);
    }
  }
  const turned = await sharp(frame, { raw: { width: FW, height: FH, channels: 3 } })
    .rotate(3, { background: { r: desk[0]!, g: desk[1]!, b: desk[2]! } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const left = Math.floor((turned.info.width - FW) / 2);
  const top = Math.floor((turned.info.height - FH) / 2);
  const shadow = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${FW}" height="${FH}">
      <defs><linearGradient id="s" x1="0" x2="1"><stop offset="0" stop-color="#000" stop-opacity="0.4"/><stop offset="0.5" stop-color="#000" stop-opacity="0"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#s)"/></svg>`,
  );
  const cut = await sharp(turned.data, { raw: turned.info }).extract({ left, top, width: FW, height: FH }).toBuffer();
  const shot = sharp(cut, { raw: { width: FW, height: FH, channels: 3 } })
    .composite([{ input: shadow }])
    .blur(spec.blur ?? 0.8)
    .removeAlpha();
  const rgb = await shot.clone().raw().toBuffer();
  return { jpeg: await shot.jpeg({ quality: 90 }).toBuffer(), rgb, width: FW, height: FH };
}
