import { Injectable } from '@nestjs/common';

const MAX_ENTRIES = 5_000;

/**
 * Reads kept a second or two in this process (rendered landing pages,
 * component contexts for authorization). Any write in this process clears it
 * at once; other replicas see the change when their entries age out.
 */
@Injectable()
export class ReadCache {
  private readonly entries = new Map<string, { at: number; value: unknown }>();

  async get<T>(
    key: string,
    ms: number,
    build: () => Promise<T>,
    keep: (value: T) => boolean = () => true,
  ): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < ms) return hit.value as T;
    const value = await build();
    if (keep(value)) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { at: Date.now(), value });
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
