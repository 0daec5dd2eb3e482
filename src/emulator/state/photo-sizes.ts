import type { Photo, PhotoSize } from './types';

/** The largest stored size of a photo: what a client downloads to show it full-screen. */
export function largestSize(photo: Pick<Photo, 'sizes'>): PhotoSize {
  const largest = photo.sizes[photo.sizes.length - 1];
  if (!largest) throw new Error('A stored photo always has at least one size.');
  return largest;
}

/** The stored size of this type ("s", "m", "x", "y", "w"), or undefined when the photo has none. */
export function sizeOfType(photo: Pick<Photo, 'sizes'>, type: string): PhotoSize | undefined {
  return photo.sizes.find((size) => size.type === type);
}
