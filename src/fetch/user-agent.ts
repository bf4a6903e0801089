import { VERSION } from '../version.js';

export const BLOGVAULT_VERSION = VERSION;
/** Names the tool and its version so site owners can tell who is crawling and find out why. */
export const DEFAULT_USER_AGENT = `blogvault/${VERSION} (+https://github.com/blogvault/blogvault)`;
