import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPacket, packetsBeingMade, type PacketOrder } from './build-packet.ts';
import { VecheError } from '../../domain/errors.ts';
import { assertValidPdf } from '../../../test/support/pdf.ts';

const made = Date.UTC(2026, 2, 12, 12, 0);

function order(body = 'We ask for a fixed term of service and rotation home.'): PacketOrder {
  return {
    petition: {
      id: 1,
      publicId: 'pTest123',
      ownerId: 1,
      status: 'open',
      title: 'Bring our men home',
      body,
      addressee: 'The Minister',
      language: 'en',
      goal: 5000,
      deadline: null,
      nameRule: 'required',
      namesPublic: 'signer',
      regionRule: 'optional',
      regionCountries: ['UA'],
      confirmation: 'email',
      createdAt: made,
      updatedAt: made,
      openedAt: made,
      closedAt: null,
      response: null,
      respondedAt: null,
      signerHashesPurgedAt: null,
      version: 1,
      correctedAt: null,
    },
    signatures: 12,
    invalidations: [],
    record: { queued: 12, sequenced: 0 },
    byRegion: [],
    url: 'https://veche.example/p/pTest123',
    madeAt: made,
    lang: 'en',
  };
}

test('a packet is made in a worker thread while the main thread stays free', async () => {
  let turns = 0;
  const ticking = setInterval(() => turns++, 1);
  try {
    const building = buildPacket(order('x'.repeat(20_000)));
    assert.equal(packetsBeingMade(), 1);
    const { pdf } = await building;
    assertValidPdf(pdf);
    assert.ok(turns > 0, 'the event loop turned while the packet was made');
    assert.equal(packetsBeingMade(), 0);
  } finally {
    clearInterval(ticking);
  }
});

test('a packet that takes longer than its limit is stopped, with a 503 code the page explains', async () => {
  await assert.rejects(buildPacket(order(), null, { timeoutMs: 1 }), (error: unknown) => {
    assert.ok(error instanceof VecheError);
    assert.equal(error.code, 'export-too-slow');
    return true;
  });
  assert.equal(packetsBeingMade(), 0, 'the stopped packet no longer counts');
  assertValidPdf((await buildPacket(order(), null)).pdf);
});

test('more packets at once than cores are refused as busy, and taken again when one is done', async () => {
  const first = buildPacket(order(), null, { concurrent: 1 });
  await assert.rejects(
    buildPacket(order(), null, { concurrent: 1 }),
    (error: unknown) => error instanceof VecheError && error.code === 'export-busy',
  );
  await first;
  assertValidPdf((await buildPacket(order(), null, { concurrent: 1 })).pdf);
});
