import { execFileSync } from 'node:child_process';

/**
 * plantTrail writes into a JPEG file, with exiftool, what a phone's photo says about its maker: a place in Moscow and
 * the `make, model, serial, artist` given, and any further exiftool arguments. The media tests then check that none
 * of it is left in what the site serves.
 */
export function plantTrail(path: string, [make, model, serial, artist]: readonly string[], more: string[] = []): void {
  execFileSync('exiftool', [
    '-q',
    '-overwrite_original',
    '-GPSLatitude=55.7558',
    '-GPSLatitudeRef=N',
    '-GPSLongitude=37.6173',
    '-GPSLongitudeRef=E',
    `-Make=${make}`,
    `-Model=${model}`,
    `-SerialNumber=${serial}`,
    `-Artist=${artist}`,
    ...more,
    path,
  ]);
}
