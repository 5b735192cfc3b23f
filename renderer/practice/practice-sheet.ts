// A practice authorization form for the sandbox walk, drawn on a canvas as a document camera would
// see it: a white A4 sheet on a dark desk, the customer's ID number printed as the bank's form has
// it (so the quality gate reads it), a blue signature and a red seal. It says on its face, in both
// languages, that it is for practice only; the button that makes it exists only in the sandbox.
export function practiceSheetPng(subject: { idNumber: string; name: string }, day: string): string {
  const canvas = document.createElement('canvas');
  canvas.width = 2000;
  canvas.height = 2740;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#3f3f46';
  g.fillRect(0, 0, canvas.width, canvas.height);
  const [x, y, w, h] = [100, 100, 1800, 2540];
  g.fillStyle = '#ffffff';
  g.fillRect(x, y, w, h);
  g.strokeStyle = '#000000';
  g.lineWidth = 5;
  g.strokeRect(x + 80, y + 80, w - 160, h - 160);
  g.fillStyle = '#000000';
  g.font = '600 84px "Noto Sans TC", "Microsoft JhengHei", sans-serif';
  g.fillText('個人資料查詢授權書（練習用）', x + 160, y + 280);
  g.font = '56px "Noto Sans TC", "Microsoft JhengHei", sans-serif';
  g.fillText('PRACTICE ONLY - NOT AN AUTHORIZATION', x + 160, y + 400);
  g.font = '64px sans-serif';
  g.fillText(`ID: ${subject.idNumber}`, x + 160, y + 620);
  g.font = '64px "Noto Sans TC", "Microsoft JhengHei", sans-serif';
  g.fillText(`姓名：${subject.name}`, x + 160, y + 760);
  g.fillText(`日期：${day}`, x + 160, y + 900);
  g.strokeStyle = '#1d4ed8';
  g.lineWidth = 9;
  g.beginPath();
  g.moveTo(x + 300, y + h - 420);
  g.bezierCurveTo(x + 420, y + h - 560, x + 520, y + h - 300, x + 640, y + h - 440);
  g.bezierCurveTo(x + 720, y + h - 520, x + 800, y + h - 360, x + 900, y + h - 430);
  g.stroke();
  g.strokeStyle = '#dc2626';
  g.lineWidth = 10;
  g.beginPath();
  g.arc(x + w - 420, y + h - 430, 110, 0, Math.PI * 2);
  g.stroke();
  g.fillStyle = '#dc2626';
  g.font = '600 90px "Noto Sans TC", sans-serif';
  g.fillText('練', x + w - 465, y + h - 400);
  return canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
}
