// A local OCSP responder for the tests (127.0.0.1, a free port): answers from a map of serials to
// good / revoked, signed by the issuing CA's key, and can misbehave on command: down, slow, signed
// by the wrong key, or stale. Serves CRLs under /crl/ too, so a certificate's own addresses work.
import http from 'node:http';
import { createPrivateKey, createSign, generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { createHash } from 'node:crypto';
import * as x509 from '@peculiar/asn1-x509';
import * as ocsp from '@peculiar/asn1-ocsp';
import type { Issued } from './moica-pki';

/** otherSerial: a good answer about another certificate; replayed: an old good answer recorded
 * days ago (no nonce, a far nextUpdate); wrongNonce: an answer made for another request;
 * delegated: signed by `delegate` (a responder certificate), which is sent with the answer. */
export type ResponderMode =
  | 'normal'
  | 'down'
  | 'badSignature'
  | 'stale'
  | 'otherSerial'
  | 'replayed'
  | 'wrongNonce'
  | 'delegated'
  | { slowMs: number };

export interface OcspResponder {
  /** The CAs it answers for (the one named by a request's key hash signs the answer). */
  issuers: Issued[];
  /** The responder certificate that signs in 'delegated' mode. */
  delegate: Issued | null;
  url: string;
  port: number;
  revoke(serialHex: string, at: Date): void;
  mode: ResponderMode;
  crls: Map<string, Buffer>;
  requests: number;
  close(): Promise<void>;
}

const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const norm = (hex: string) => hex.toLowerCase().replace(/^0+(?=.)/, '');

/** Started before the PKI exists (its port goes into the certificates); `issuers` are set after. */
export async function startOcspResponder(): Promise<OcspResponder> {
  const revoked = new Map<string, Date>();
  const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const keyHash = (issued: Issued) => {
    const spki = AsnConvert.parse(issued.der, x509.Certificate).tbsCertificate.subjectPublicKeyInfo.subjectPublicKey;
    return createHash('sha1').update(Buffer.from(spki)).digest('hex');
  };
  const state: OcspResponder = {
    issuers: [],
    delegate: null,
    url: '',
    port: 0,
    revoke: (serialHex, at) => revoked.set(norm(serialHex), at),
    mode: 'normal',
    crls: new Map(),
    requests: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const answer = (body: Buffer): Buffer => {
    const request = AsnConvert.parse(body, ocsp.OCSPRequest);
    const asked = Buffer.from(request.tbsRequest.requestList[0]!.reqCert.issuerKeyHash.buffer).toString('hex');
    const issuer = state.issuers.find((i) => keyHash(i) === asked);
    if (!issuer) throw new Error('a request about a CA this responder does not serve');
    const issuerTbs = AsnConvert.parse(issuer.der, x509.Certificate).tbsCertificate;
    const now = new Date();
    const stale = state.mode === 'stale';
    const replayed = state.mode === 'replayed';
    const sentNonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === ocsp.id_pkix_ocsp_nonce);
    const nonce =
      replayed || !sentNonce
        ? undefined
        : state.mode === 'wrongNonce'
          ? new x509.Extension({
              extnID: ocsp.id_pkix_ocsp_nonce,
              extnValue: new OctetString(Buffer.from([4, 2, 9, 9])),
            })
          : sentNonce;
    const responses = request.tbsRequest.requestList.map((r) => {
      const raw = Buffer.from(r.reqCert.serialNumber);
      const serial = norm(raw.toString('hex'));
      const when = revoked.get(serial);
      // A serial sent as a negative INTEGER matches no certificate a CA issues.
      const negative = raw.length > 0 && raw[0]! >= 0x80;
      const certID =
        state.mode === 'otherSerial'
          ? new ocsp.CertID({ ...r.reqCert, serialNumber: new Uint8Array([0x7f, 1, 2, 3]).buffer })
          : r.reqCert;
      return new ocsp.SingleResponse({
        certID,
        certStatus: new ocsp.CertStatus(
          negative
            ? { unknown: null }
            : when
              ? { revoked: new ocsp.RevokedInfo({ revocationTime: when }) }
              : { good: null },
        ),
        thisUpdate: new Date(now.getTime() - (stale ? 3 * 86_400_000 : replayed ? 2 * 86_400_000 : 60_000)),
        nextUpdate: new Date(now.getTime() + (stale ? -86_400_000 : replayed ? 365 * 86_400_000 : 3600_000)),
      });
    });
    const data = new ocsp.ResponseData({
      responderID: new ocsp.ResponderID({ byName: issuerTbs.subject }),
      producedAt: now,
      responses,
      responseExtensions: nonce ? [nonce] : undefined,
    });
    const tbs = Buffer.from(AsnConvert.serialize(data));
    const delegated = state.mode === 'delegated' && state.delegate;
    const key =
      state.mode === 'badSignature' ? wrongKey : createPrivateKey(delegated ? state.delegate!.keyPem : issuer.keyPem);
    const signature = createSign('sha256').update(tbs).sign(key);
    const basic = new ocsp.BasicOCSPResponse({
      tbsResponseData: data,
      signatureAlgorithm: new x509.AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.11', parameters: null }),
      signature: arrayBuffer(signature),
      certs: delegated ? [AsnConvert.parse(state.delegate!.der, x509.Certificate)] : undefined,
    });
    const response = new ocsp.OCSPResponse({
      responseStatus: ocsp.OCSPResponseStatus.successful,
      responseBytes: new ocsp.ResponseBytes({
        responseType: ocsp.id_pkix_ocsp_basic,
        response: new OctetString(AsnConvert.serialize(basic)),
      }),
    });
    return Buffer.from(AsnConvert.serialize(response));
  };

  const server = http.createServer((req, res) => {
    state.requests++;
    // Down: the OCSP service only (the CRLs it also serves stay up, as a separate server would).
    if (state.mode === 'down' && req.url === '/OCSP') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = () => {
        const crl = req.url?.startsWith('/crl/') ? state.crls.get(req.url.slice(5)) : undefined;
        if (req.method === 'GET' && crl) {
          res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(crl);
        } else if (req.method === 'POST' && req.url === '/OCSP') {
          let body: Buffer;
          try {
            body = answer(Buffer.concat(chunks));
          } catch {
            res.writeHead(400).end();
            return;
          }
          res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(body);
        } else res.writeHead(404).end();
      };
      if (typeof state.mode === 'object') setTimeout(reply, state.mode.slowMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}/OCSP`;
  return state;
}
