// The trainer's page: every submission, and approve / reject buttons for those under review.
import type { SubmissionRow } from './store';
import { REJECTION_REASONS } from './review';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const mask = (id: string) => `${id.slice(0, 3)}****${id.slice(-3)}`;

export function renderOperatorPage(rows: SubmissionRow[]): string {
  const reasons = Object.entries(REJECTION_REASONS)
    .map(([code, text]) => `<option value="${code}">${esc(text)}</option>`)
    .join('');
  const body = rows
    .map(
      (r) => `<tr>
    <td>${esc(r.received_at.replace('T', ' ').slice(0, 19))}</td><td><code>${esc(r.submission_id.slice(0, 8))}</code></td>
    <td>${esc(mask(r.subject_id))} ${esc(r.subject_name)}</td><td>${esc(r.role)} / ${esc(r.purpose)}</td><td>${esc(JSON.parse(r.products).join(', '))}</td>
    <td>${r.page_count}</td><td>${r.deliveries}</td><td><strong>${esc(r.status)}</strong>${r.reason_text ? `<br><small>${esc(r.reason_text)}</small>` : ''}${r.deleted_at ? '<br><small>data deleted</small>' : ''}</td>
    <td>${
      r.status === 'under_review'
        ? `
      <form method="post" action="/decide"><input type="hidden" name="submissionId" value="${esc(r.submission_id)}"><input type="hidden" name="decision" value="approve"><button>核准 Approve</button></form>
      <form method="post" action="/decide"><input type="hidden" name="submissionId" value="${esc(r.submission_id)}"><input type="hidden" name="decision" value="reject">
        <select name="code">${reasons}</select><input name="detail" placeholder="說明 note"><button>退件 Reject</button></form>`
        : ''
    }</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-TW"><head><meta charset="utf-8"><title>JCIC 模擬審核台 Sandbox operator</title>
<style>body{font-family:system-ui,sans-serif;margin:20px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left;font-size:14px;vertical-align:top}form{display:inline-block;margin:2px}.b{background:#b45309;color:#fff;padding:6px 10px}</style></head>
<body><div class="b">訓練環境 / SANDBOX — JCIC 模擬審核台 (trainer's page)</div><h1>送件審核 Submissions</h1>
<table><thead><tr><th>收件時間 Received</th><th>ID</th><th>當事人 Subject</th><th>角色/目的 Role/purpose</th><th>產品 Products</th><th>頁數 Pages</th><th>收件次數 Deliveries</th><th>狀態 Status</th><th>審核 Review</th></tr></thead>
<tbody>${body || '<tr><td colspan="9">尚無送件 No submissions yet</td></tr>'}</tbody></table></body></html>`;
}
