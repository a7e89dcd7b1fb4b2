// The worker thread that makes one delivery packet (build-packet.ts starts it): pdfkit lays text out synchronously,
// so on the main thread a long packet would hold up every other request, /healthz included.
import { parentPort, workerData } from 'node:worker_threads';
import { translator } from '../../i18n/i18n.ts';
import { deliveryPacket, packetFonts, type PacketFonts } from './delivery-packet.ts';
import type { PacketOrder } from './build-packet.ts';

const { order, fonts: given } = workerData as { order: PacketOrder; fonts: PacketFonts | undefined };
const fonts = given === undefined ? packetFonts() : given;
const pdf = await deliveryPacket({ ...order, t: translator(order.lang) }, fonts);
parentPort!.postMessage({ pdf, helvetica: fonts === null });
