import type { StoredFile } from '../core/http';

/** Formats the upload endpoint accepts (as sharp names them); the docs list none (assumption). */
export const UPLOAD_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif'] as const;

/** File extension and MIME type per format (sharp's name for it, or an `output_format` value). */
export const FORMATS: Record<string, { ext: string; type: string }> = {
  jpeg: { ext: 'jpg', type: 'image/jpeg' },
  jpg: { ext: 'jpg', type: 'image/jpeg' },
  png: { ext: 'png', type: 'image/png' },
  webp: { ext: 'webp', type: 'image/webp' },
  gif: { ext: 'gif', type: 'image/gif' },
  tiff: { ext: 'tiff', type: 'image/tiff' },
  heif: { ext: 'avif', type: 'image/avif' },
};

export interface StoredObject extends StoredFile {
  /** The owner: only keys of this user may read it or use it as a job input. */
  user: string;
  filename: string;
}

/**
 * The provider's object storage: `uploads/<user>/<uuid>.<ext>` and `outputs/<user>/<job id>.<ext>`.
 * Keys carry no leading slash, exactly as the API returns them.
 */
export class ObjectStore {
  private readonly objects = new Map<string, StoredObject>();

  put(key: string, object: StoredObject): void {
    this.objects.set(key, object);
  }

  /** The object when it exists and belongs to `user`; another user's object is "not found". */
  read(key: string, user: string): StoredObject | undefined {
    const object = this.objects.get(key);
    return object && object.user === user ? object : undefined;
  }

  keys(): string[] {
    return [...this.objects.keys()];
  }
}
