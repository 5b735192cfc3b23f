// The trainer's operator page, served on loopback beside the API: every submission (HTML, and the
// same as JSON for tests), and the trainer's approve / reject form. Requests must name this server's
// own host (no DNS rebinding) and a decision must come from its own page.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Database from 'better-sqlite3';
import { findSubmission, type SubmissionRow } from './store';
import { isRejectionCode } from './review';
import type { ReviewScheduler } from './review-scheduler';
import { statusAnswer } from './api-server';
import { renderOperatorPage } from './operator-page';
import { bodyText, readBody } from '../../common/request-body';

export interface OperatorOptions {
  db: Database.Database;
  reviews: ReviewScheduler;
}

export function createOperatorServer(options: OperatorOptions): Server {
  const { db, reviews } = options;
  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error('[jcic-sandbox operator]', e);
      res.writeHead(500).end();
    });
  });
  const all = () => db.prepare('SELECT * FROM submissions ORDER BY received_at DESC').all() as SubmissionRow[];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.headers.host !== host) return void res.writeHead(403).end('wrong host');
    reviews.reviewDue();
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      });
      return void res.end(renderOperatorPage(all()));
    }
    if (req.method === 'GET' && url.pathname === '/api/submissions') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(
        JSON.stringify(
          all().map((r) => ({
            ...statusAnswer(r),
            deliveries: r.deliveries,
            subjectId: r.subject_id,
            documentItems: r.item_count,
            pageCount: r.page_count,
            products: JSON.parse(r.products),
            manual: r.manual === 1,
            deleted: r.deleted_at !== null,
            acknowledgedAt: r.acknowledged_at,
          })),
        ),
      );
    }
    if (req.method === 'POST' && url.pathname === '/decide') {
      const origin = req.headers.origin;
      if (origin && origin !== `http://${host}`) return void res.writeHead(403).end('other origin');
      const body = await readBody(req, 64 * 1024);
      const form = new URLSearchParams(body ? bodyText(body) : '');
      const row = findSubmission(db, form.get('submissionId') ?? '');
      if (row && row.status === 'under_review') {
        if (form.get('decision') === 'approve') reviews.decide(row, { approve: true });
        else {
          const code = form.get('code') ?? 'manual-rejection';
          reviews.decide(row, {
            approve: false,
            code: isRejectionCode(code) ? code : 'manual-rejection',
            ...(form.get('detail') ? { detail: form.get('detail')! } : {}),
          });
        }
      }
      res.writeHead(303, { Location: '/' });
      return void res.end();
    }
    res.writeHead(404).end();
  }

  return server;
}
