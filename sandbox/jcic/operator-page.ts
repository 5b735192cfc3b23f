// The trainer's page: every submission, and approve / reject buttons for those under review. Both
// languages side by side (trainers of either); JCIC's answer to the desk carries only the zh-TW text.
import { maskId } from '../../common/identifiers';
import type { SubmissionRow } from './store';
import { REJECTION_CODES, REJECTION_REASONS, isRejectionCode } from './review';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Text colours, each at least 4.5:1 on the white page (WCAG AA); the banner's white text on its amber. */
export const COLOURS = { text: '#1f2937', muted: '#4b5563', page: '#ffffff', banner: '#b45309', bannerText: '#ffffff' };

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:${COLOURS.text};background:${COLOURS.page}}
header{background:${COLOURS.banner};color:${COLOURS.bannerText};padding:6px 20px}header p{margin:0}main{margin:20px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left;font-size:14px;vertical-align:top}
form{display:inline-block;margin:2px}label{display:block;font-size:12px}.muted{color:${COLOURS.muted}}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}`;

const REASON_OPTIONS = REJECTION_CODES.map(
  (code) =>
    `<option value="${code}">${esc(REJECTION_REASONS[code]['zh-TW'])} / ${esc(REJECTION_REASONS[code].en)}</option>`,
).join('');

function pages(r: SubmissionRow): string {
  const files =
    r.item_count > 0 && r.item_count !== r.page_count ? ` <span class="muted">(${r.item_count} 檔 files)</span>` : '';
  return `${r.page_count}${files}`;
}

function status(r: SubmissionRow): string {
  const english = r.reason_code && isRejectionCode(r.reason_code) ? REJECTION_REASONS[r.reason_code].en : null;
  const reason = r.reason_text
    ? `<br><small class="muted">${esc(r.reason_text)}${english ? `<br><span lang="en">${esc(english)}</span>` : ''}</small>`
    : '';
  const deleted = r.deleted_at ? '<br><small class="muted">資料已刪除 data deleted</small>' : '';
  return `<strong>${esc(r.status)}</strong>${reason}${deleted}`;
}

function decision(r: SubmissionRow): string {
  if (r.status !== 'under_review') return '';
  const id = esc(r.submission_id);
  return `
      <form method="post" action="/decide"><input type="hidden" name="submissionId" value="${id}"><input type="hidden" name="decision" value="approve"><button>核准 Approve</button></form>
      <form method="post" action="/decide"><input type="hidden" name="submissionId" value="${id}"><input type="hidden" name="decision" value="reject">
        <label for="code-${id}">退件原因 Reason</label><select id="code-${id}" name="code">${REASON_OPTIONS}</select>
        <label for="detail-${id}">說明 Note</label><input id="detail-${id}" name="detail">
        <button>退件 Reject</button></form>`;
}

export function renderOperatorPage(rows: SubmissionRow[]): string {
  const body = rows
    .map(
      (r) => `<tr>
    <td>${esc(r.received_at.replace('T', ' ').slice(0, 19))}</td><td><code>${esc(r.submission_id.slice(0, 8))}</code></td>
    <td>${esc(maskId(r.subject_id))} ${esc(r.subject_name)}</td><td>${esc(r.role)} / ${esc(r.purpose)}</td><td>${esc(JSON.parse(r.products).join(', '))}</td>
    <td>${pages(r)}</td><td>${r.deliveries}</td><td>${status(r)}</td>
    <td>${decision(r)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-TW"><head><meta charset="utf-8"><title>JCIC 模擬審核台 Sandbox operator</title>
<style>${STYLE}</style></head>
<body><header><p>訓練環境 / SANDBOX — JCIC 模擬審核台 (trainer's page)</p></header>
<main><h1>送件審核 Submissions</h1>
<table><thead><tr><th scope="col">收件時間 Received</th><th scope="col">ID</th><th scope="col">當事人 Subject</th><th scope="col">角色/目的 Role/purpose</th><th scope="col">產品 Products</th><th scope="col">頁數 Pages</th><th scope="col">收件次數 Deliveries</th><th scope="col">狀態 Status</th><th scope="col">審核 Review</th></tr></thead>
<tbody>${body || '<tr><td colspan="9">尚無送件 No submissions yet</td></tr>'}</tbody></table></main></body></html>`;
}
