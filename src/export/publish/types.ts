import type { PlatformBody } from '../platforms/shared.js';
import type { PlannedPost } from '../types.js';

export interface PublishContext {
  /** The site's home URL, ending in `/`. */
  site: string;
  /** WordPress: the user the application password belongs to. */
  user?: string;
  /** WordPress application password, or Ghost Admin API key (`id:secret`). */
  secret: string;
  stateFile: string;
}

export interface PublishedPost {
  post: PlannedPost;
  /** Its public URL on the site. */
  url: string;
  /** False when the site already had exactly this post and nothing was sent. */
  changed: boolean;
  body: PlatformBody;
}
