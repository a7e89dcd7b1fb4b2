import { Worker } from 'node:worker_threads';
import { VecheError } from '../../domain/errors.ts';
import type { PacketContent, PacketFonts } from './delivery-packet.ts';

/** PacketOrder is what a packet prints (see PacketContent), without the translator: the worker makes its own. */
export type PacketOrder = Omit<PacketContent, 't'>;

/** PacketLimits: how long one packet may take, and how many may be made at once (each takes a core while it runs). */
export interface PacketLimits {
  timeoutMs?: number;
  concurrent?: number;
}

/** packetLimits are the defaults: a packet of the longest text takes well under a second. */
export const packetLimits = { timeoutMs: 30_000, concurrent: 2 };

let running = 0;

/** packetsBeingMade is how many packets are being made now (a gauge in /metrics). */
export function packetsBeingMade(): number {
  return running;
}

/**
 * buildPacket makes a delivery packet in a worker thread, so that the main thread goes on answering every other
 * request while pdfkit lays the text out, and stops it after `timeoutMs` (`export-too-slow`). More than `concurrent`
 * packets at once are refused (`export-busy`, 503 with Retry-After): each holds a core. `fonts` undefined means
 * "find DejaVu Sans on this machine"; `helvetica` tells that it was not found.
 */
export function buildPacket(
  order: PacketOrder,
  fonts?: PacketFonts,
  limits: PacketLimits = {},
): Promise<{ pdf: Buffer; helvetica: boolean }> {
  const { timeoutMs, concurrent } = { ...packetLimits, ...limits };
  if (running >= concurrent)
    return Promise.reject(
      new VecheError('export-busy', 'Other packets are being made right now; try again in a minute.'),
    );
  running++;
  return new Promise<{ pdf: Buffer; helvetica: boolean }>((resolve, reject) => {
    const worker = new Worker(new URL('./packet-worker.ts', import.meta.url), { workerData: { order, fonts } });
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      running--;
      clearTimeout(timer);
      finish();
    };
    const timer = setTimeout(() => {
      settle(() =>
        reject(new VecheError('export-too-slow', `The packet was not made within ${timeoutMs} ms and was stopped.`)),
      );
      void worker.terminate();
    }, timeoutMs);
    worker.once('message', (message: { pdf: Uint8Array; helvetica: boolean }) => {
      settle(() =>
        resolve({
          pdf: Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength),
          helvetica: message.helvetica,
        }),
      );
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the packet worker stopped (exit code ${code}) without a packet`))),
    );
  });
}
