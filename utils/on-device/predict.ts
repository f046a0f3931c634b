import type { TileModel, Tf } from './model';
import { rgbaFromModel, rgbOf } from './pixels';
import type { Rect, RgbaImage } from './tiles';

/**
 * One model call on one rect of an image: RGB in, `scale`× RGBA out (alpha carried over). The same
 * function runs a tile in the document and in a tile worker, so a tile's pixels do not depend on where
 * it ran.
 */
export async function predictRect(
  tf: Tf,
  model: TileModel,
  image: RgbaImage,
  rect: Rect,
  scale: number,
): Promise<RgbaImage> {
  if (model.scale !== scale) throw new Error(`Model for ${scale}× upscales ${model.scale}×.`);
  const output = tf.tidy(() =>
    model.predict(tf.tensor4d(rgbOf(image, rect), [1, rect.height, rect.width, 3])),
  );
  try {
    return rgbaFromModel(await output.data(), image, rect, scale);
  } finally {
    output.dispose();
  }
}
