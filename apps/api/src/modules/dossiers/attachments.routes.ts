import {
  AttachmentView,
  DossierLookupQuery,
  DossierUploadQuery,
  DraftParams,
  DraftView,
  ReadLogList,
  SaveDraftRequest,
  UploadQuery,
} from '@motcua/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { withErrors } from '../../platform/http/responses.js';
import { resource, type Guards, type Principal } from '../identity/index.js';
import type { AttachmentsService } from './attachments.js';
import { actorOf, scopeOf, type ReadLogger } from './dossiers.routes.js';
import type { AttachmentRow } from './attachments.repository.js';
import { contentDisposition } from './file-name.js';

const tags = ['Tệp hồ sơ, hồ sơ nháp'];
const FileId = z.uuid({ message: 'Mã tệp không hợp lệ' });
const CodeParams = z.object({ code: DossierLookupQuery.shape.code });

const isApplicant = (who: Principal) => who.kind === 'citizen' || who.kind === 'business';

/** Officers' reads are the ones NĐ 13/2023/NĐ-CP asks to trace; applicants read their own. */
export function readLogger(files: AttachmentsService): ReadLogger {
  return async (request, who, dossierId, what, detail) => {
    if (isApplicant(who)) return;
    await files.logRead({
      dossierId,
      accountId: who.accountId,
      what,
      ...(detail ? { detail } : {}),
      requestId: request.id,
    });
  };
}

function sendFile(reply: FastifyReply, file: AttachmentRow, bytes: Buffer) {
  // Uploaded content is the uploader's: saved, never rendered as a page of this site, and its
  // type is the sniffed one the browser must not second-guess.
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('x-content-sha256', file.sha256)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

/**
 * Uploads are the file itself as the request body (`fetch(url, { body: file })`), described in
 * the query string: no multipart parsing, and the same from a browser, a script or a test.
 */
export function attachmentsRoutes(
  files: AttachmentsService,
  guards: Pick<Guards, 'signedIn'>,
  uploads: { maxBytes: number },
): FastifyPluginAsyncZod {
  const applicant = async (request: FastifyRequest) => {
    const who = await guards.signedIn(request);
    if (!isApplicant(who)) {
      throw new AppError(
        'FORBIDDEN',
        'Hồ sơ nháp dành cho công dân, doanh nghiệp đăng nhập bằng VNeID.',
      );
    }
    return who;
  };
  const logRead = readLogger(files);
  // Twice the limit reaches the handler, so a slightly big file gets the message with its size.
  const bodyLimit = uploads.maxBytes * 2;

  return async (app) => {
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
      done(null, body);
    });
    const bytesOf = (body: unknown) => {
      if (!Buffer.isBuffer(body)) {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          'Gửi nội dung tệp trong thân yêu cầu (Content-Type: application/octet-stream).',
        );
      }
      return body;
    };

    app.get(
      '/api/my/drafts/:procedureCode',
      {
        schema: {
          tags,
          summary: 'Hồ sơ nháp của tôi cho một thủ tục (kèm tệp đã tải lên)',
          params: DraftParams,
          response: withErrors({ 200: DraftView }, [400, 401, 403, 404]),
        },
      },
      async (request) =>
        files.getDraft((await applicant(request)).accountId, request.params.procedureCode),
    );

    app.put(
      '/api/my/drafts/:procedureCode',
      {
        schema: {
          tags,
          summary: 'Lưu hồ sơ nháp (nơi nộp, liên hệ, tờ khai)',
          params: DraftParams,
          body: SaveDraftRequest,
          response: withErrors({ 200: DraftView }, [400, 401, 403]),
        },
      },
      async (request) =>
        files.saveDraft(
          (await applicant(request)).accountId,
          request.params.procedureCode,
          request.body,
        ),
    );

    app.delete(
      '/api/my/drafts/:procedureCode',
      {
        schema: {
          tags,
          summary: 'Xóa hồ sơ nháp và các tệp của nó',
          params: DraftParams,
          response: withErrors({ 204: z.null() }, [400, 401, 403]),
        },
      },
      async (request, reply) => {
        await files.deleteDraft((await applicant(request)).accountId, request.params.procedureCode);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/my/drafts/:procedureCode/files',
      {
        bodyLimit,
        schema: {
          tags,
          summary: 'Tải lên một thành phần hồ sơ vào hồ sơ nháp (thân yêu cầu là nội dung tệp)',
          params: DraftParams,
          querystring: UploadQuery,
          response: withErrors({ 201: AttachmentView }, [400, 401, 403, 413, 415]),
        },
      },
      async (request, reply) => {
        const who = await applicant(request);
        const view = await files.uploadToDraft(who.accountId, request.params.procedureCode, {
          ...request.query,
          bytes: bytesOf(request.body),
        });
        return reply.status(201).send(view);
      },
    );

    app.get(
      '/api/my/drafts/:procedureCode/files/:id',
      {
        schema: {
          tags,
          summary: 'Tải về một tệp của hồ sơ nháp',
          params: DraftParams.extend({ id: FileId }),
          response: withErrors({ 200: z.any() }, [400, 401, 403, 404]),
        },
      },
      async (request, reply) => {
        const who = await applicant(request);
        const { file, bytes } = await files.draftFile(
          who.accountId,
          request.params.procedureCode,
          request.params.id,
        );
        return sendFile(reply, file, bytes);
      },
    );

    app.delete(
      '/api/my/drafts/:procedureCode/files/:id',
      {
        schema: {
          tags,
          summary: 'Xóa một tệp khỏi hồ sơ nháp',
          params: DraftParams.extend({ id: FileId }),
          response: withErrors({ 204: z.null() }, [400, 401, 403, 404]),
        },
      },
      async (request, reply) => {
        const who = await applicant(request);
        await files.deleteDraftFile(who.accountId, request.params.procedureCode, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/dossiers/:code/files',
      {
        bodyLimit,
        schema: {
          tags,
          summary:
            'Thêm tệp vào hồ sơ: bản số hóa tại quầy, tệp bổ sung (người nộp hoặc cán bộ), kết quả điện tử',
          params: CodeParams,
          querystring: DossierUploadQuery,
          response: withErrors({ 201: AttachmentView }, [400, 401, 403, 404, 409, 413, 415]),
        },
      },
      async (request, reply) => {
        const who = await guards.signedIn(request);
        const view = await files.uploadToDossier(
          request.params.code,
          { ...request.query, bytes: bytesOf(request.body) },
          actorOf(who),
          {
            canRead: (row) => who.ability.can('read', scopeOf(row)),
            canUpload: (row, purpose) => {
              if (isApplicant(who)) {
                return purpose === 'supplement' && row.applicantAccountId === who.accountId;
              }
              // The receiving officer takes papers and supplements; the result is processing.
              return who.ability.can(purpose === 'result' ? 'process' : 'receive', scopeOf(row));
            },
          },
        );
        return reply.status(201).send(view);
      },
    );

    app.get(
      '/api/dossiers/:code/files/:id',
      {
        schema: {
          tags,
          summary: 'Tải về một tệp của hồ sơ (người nộp hoặc cán bộ trong phạm vi)',
          params: CodeParams.extend({ id: FileId }),
          response: withErrors({ 200: z.any() }, [400, 401, 404]),
        },
      },
      async (request, reply) => {
        const who = await guards.signedIn(request);
        const { dossier, file, bytes } = await files.dossierFile(
          request.params.code,
          request.params.id,
          (row) => who.ability.can('read', scopeOf(row)),
        );
        await logRead(request, who, dossier.id, 'attachment', file.fileName);
        return sendFile(reply, file, bytes);
      },
    );

    app.get(
      '/api/dossiers/:code/reads',
      {
        schema: {
          tags,
          summary:
            'Nhật ký truy cập dữ liệu cá nhân của hồ sơ (thanh tra, quản trị trong phạm vi; NĐ 13/2023)',
          params: CodeParams,
          response: withErrors({ 200: ReadLogList }, [400, 401, 404]),
        },
      },
      async (request) => {
        const who = await guards.signedIn(request);
        // Reading the read log is an audit: the same right as the permission audit, in scope.
        return files.reads(request.params.code, (row) =>
          who.ability.can(
            'read',
            resource('PermissionAudit', { agencyIds: scopeOf(row).agencyIds ?? [] }),
          ),
        );
      },
    );
  };
}

/** The module's routes as one plugin. */
export function allRoutes(...plugins: FastifyPluginAsyncZod[]): FastifyPluginAsyncZod {
  return async (app) => {
    for (const plugin of plugins) await app.register(plugin);
  };
}
