/** SignatureStatus is where a signature is: waiting for its emailed link, counted, taken back or invalidated. */
export type SignatureStatus = 'pending' | 'counted' | 'withdrawn' | 'invalidated';

/** Signature is one signature as actions use it; `emailEnc` is sealed, `emailHash` a slow keyed hash (both forgotten later). */
export interface Signature {
  id: number;
  publicId: string;
  petitionId: number;
  status: SignatureStatus;
  name: string | null;
  region: string | null;
  showName: boolean;
  emailEnc: string | null;
  emailHash: string | null;
  confirmTokenHash: string | null;
  confirmExpiresAt: number | null;
  receiptHash: string | null;
  signedMinute: number;
  countedMinute: number | null;
  invalidationId: number | null;
}

/** NewSignature is a signature to store: everything but the row id the store gives it. */
export type NewSignature = Omit<Signature, 'id'>;

/** SignatureChange is what an action may change of a signature. */
export type SignatureChange = Partial<Omit<Signature, 'id' | 'publicId' | 'petitionId'>>;
