import type { Transaction } from '../../store/open-store.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { regionName, type RegionLanguage } from '../../domain/regions.ts';
import { publicNamesPage } from '../../store/signatures.ts';
import { csvBom, csvRow } from './csv.ts';

const PAGE = 5000;

/** utcDay formats an epoch minute as its UTC day, YYYY-MM-DD. */
export function utcDay(minute: number): string {
  return new Date(minute * 60_000).toISOString().slice(0, 10);
}

/**
 * signaturesCsv yields the organiser's CSV of public names, a page of rows at a time so that a petition with a
 * million signers never sits in memory whole: a BOM, a header in the reader's language, then one record per counted
 * signer who chose to show their name — name, region code, region name, UTC day. Nothing else about a signer is in it.
 */
export async function* signaturesCsv(
  db: Transaction,
  petitionId: number,
  t: Translate,
  lang: RegionLanguage,
): AsyncGenerator<string> {
  yield csvBom +
    csvRow([
      t('organiser.csv-name'),
      t('organiser.csv-region-code'),
      t('organiser.csv-region'),
      t('organiser.csv-day'),
    ]);
  for (let after = 0; ; ) {
    const rows = await publicNamesPage(db, petitionId, after, PAGE);
    if (rows.length === 0) return;
    yield rows
      .map((r) =>
        csvRow([
          r.name,
          r.region,
          r.region ? regionName(r.region, lang) : null,
          r.countedMinute === null ? null : utcDay(r.countedMinute),
        ]),
      )
      .join('');
    after = Number(rows[rows.length - 1].id);
  }
}
