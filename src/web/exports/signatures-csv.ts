import type { ActionContext } from '../../actions/context.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { regionName, type RegionLanguage } from '../../domain/regions.ts';
import { publicNamePages } from '../../read/public-name-pages.ts';
import { csvBom, csvRow } from './csv.ts';

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
  ctx: Pick<ActionContext, 'store'>,
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
  for await (const names of publicNamePages(ctx, petitionId)) {
    yield names
      .map((r) =>
        csvRow([
          r.name,
          r.region,
          r.region ? regionName(r.region, lang) : null,
          r.countedMinute === null ? null : utcDay(r.countedMinute),
        ]),
      )
      .join('');
  }
}
