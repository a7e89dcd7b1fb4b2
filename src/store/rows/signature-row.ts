import type { Insertable, Updateable } from 'kysely';
import type { NewSignature, Signature, SignatureChange } from '../../domain/signature.ts';
import type { SignatureRow, SignaturesTable } from '../schema.ts';
import { columnsOf, flag, numberOrNull } from './columns.ts';

const names: { [K in keyof Signature]: keyof SignaturesTable } = {
  id: 'id',
  publicId: 'public_id',
  petitionId: 'petition_id',
  status: 'status',
  name: 'name',
  region: 'region',
  showName: 'show_name',
  emailEnc: 'email_enc',
  emailHash: 'email_hash',
  confirmTokenHash: 'confirm_token_hash',
  confirmExpiresAt: 'confirm_expires_at',
  receiptHash: 'receipt_hash',
  signedMinute: 'signed_minute',
  countedMinute: 'counted_minute',
  invalidationId: 'invalidation_id',
};
const encode = { showName: flag };

/** toSignature reads a signatures row as a Signature. */
export function toSignature(row: SignatureRow): Signature {
  return {
    id: Number(row.id),
    publicId: row.public_id,
    petitionId: Number(row.petition_id),
    status: row.status,
    name: row.name,
    region: row.region,
    showName: Number(row.show_name) === 1,
    emailEnc: row.email_enc,
    emailHash: row.email_hash,
    confirmTokenHash: row.confirm_token_hash,
    confirmExpiresAt: numberOrNull(row.confirm_expires_at),
    receiptHash: row.receipt_hash,
    signedMinute: Number(row.signed_minute),
    countedMinute: numberOrNull(row.counted_minute),
    invalidationId: numberOrNull(row.invalidation_id),
  };
}

/** signatureColumns turns a change to a signature into the columns to set. */
export function signatureColumns(change: SignatureChange): Updateable<SignaturesTable> {
  return columnsOf<Signature>(change, names, encode) as Updateable<SignaturesTable>;
}

/** newSignatureRow turns a new signature into the row to insert. */
export function newSignatureRow(signature: NewSignature): Insertable<SignaturesTable> {
  return columnsOf<Signature>(signature, names, encode) as unknown as Insertable<SignaturesTable>;
}
