/**
 * MediaLimits bounds what one upload may cost the server: bytes on the wire, pixels once decoded (a small PNG can
 * claim 30000×30000 and ask for gigabytes), the length of a video and the time its cleaning may take.
 */
export interface MediaLimits {
  imageBytes: number;
  imagePixels: number;
  videoBytes: number;
  videoSeconds: number;
  videoPixels: number;
  cleanMillis: number;
}

/** mediaLimits are the limits in force: a phone's photo or a few minutes of its video fit well inside them. */
export const mediaLimits: MediaLimits = {
  imageBytes: 25 * 1024 * 1024,
  // 60 megapixels: above any phone's camera, far below what would exhaust memory when decoded (4 bytes a pixel).
  imagePixels: 60_000_000,
  videoBytes: 300 * 1024 * 1024,
  videoSeconds: 10 * 60,
  // 8K: larger frames than this are not from a phone.
  videoPixels: 7680 * 4320,
  cleanMillis: 10 * 60 * 1000,
};

/** imageWidths are the widths each image is served at; a narrower original is served at its own width only. */
export const imageWidths = [480, 960, 1600] as const;

/** videoLongSide bounds the served video's longer side (1280 makes 720p either way up), which plays well on a phone. */
export const videoLongSide = 1280;
