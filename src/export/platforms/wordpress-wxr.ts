/**
 * `export --to wordpress`: a WXR 1.2 file (what Tools → Import → WordPress reads) with every post, its
 * author, dates, tags, categories and original URL, and its images as attachments; the images copied to
 * `media/YYYY/MM/` for hosting wherever `--media-url` says. The importer downloads each attachment from
 * its `attachment_url` and rewrites that URL in the posts to the uploaded file's.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { XMLBuilder } from 'fast-xml-parser';
import slugify from '@sindresorhus/slugify';
import type { ExportOptions, PlannedPost } from '../types.js';
import { basename, instantOf, mimeOf, monthFolder, oldAssetUrls, platformBody, platformSlug, sqlDate, sqlDateUtc, uniqueNames, type LoadedArchive } from './shared.js';

const NAMESPACES = {
  '@_version': '2.0',
  '@_xmlns:excerpt': 'http://wordpress.org/export/1.2/excerpt/',
  '@_xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  '@_xmlns:wfw': 'http://wellformedweb.org/CommentAPI/',
  '@_xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  '@_xmlns:wp': 'http://wordpress.org/export/1.2/',
};

/** Text as CDATA, the way WordPress writes WXR (the builder splits the section around a `]]>` in the text). */
const cdata = (text: string) => ({ __cdata: text });

/** WordPress shows titles and excerpts as HTML: archive text is escaped so `<T>` reads as written. */
export const wpText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const termSlug = (name: string) => slugify(name) || encodeURIComponent(name.toLowerCase());
export const authorLogin = (name: string) => slugify(name, { separator: '.' }) || 'author';

/** Where an exported image ends up after import: WordPress files uploads by the attachment's month. */
export interface WxrMedia {
  asset: string;
  /** Relative to the export folder. */
  file: string;
  /** Where the importer downloads it from; also how post bodies reference it until the import rewrites them. */
  source?: string;
  /** The site path WordPress serves it at after import (default uploads settings). */
  newPath: string;
  parent: PlannedPost;
}

export interface WxrResult {
  xml: string;
  media: WxrMedia[];
  bodies: Map<PlannedPost, ReturnType<typeof platformBody>>;
}

/** The post's URL on the new site before anyone knows its permalink: WordPress answers `?name=` on any setting. */
export const wxrPostPath = (post: PlannedPost) => `/?name=${encodeURIComponent(platformSlug(post))}`;

export function buildWxr(archive: LoadedArchive, options: Pick<ExportOptions, 'mediaUrl'>): WxrResult {
  const oldUrls = oldAssetUrls(archive.history);
  const media = new Map<string, WxrMedia>();
  const mediaOf = (asset: string, post: PlannedPost): WxrMedia => {
    let item = media.get(asset);
    if (!item) {
      const file = `media/${monthFolder(post.date)}/${basename(asset)}`;
      const source = options.mediaUrl ? `${options.mediaUrl.replace(/\/+$/, '')}/${file.slice('media/'.length)}` : oldUrls.get(asset);
      item = { asset, file, source, newPath: `/wp-content/uploads/${monthFolder(post.date)}/${basename(asset)}`, parent: post };
      media.set(asset, item);
    }
    return item;
  };
  const bodies = new Map<PlannedPost, ReturnType<typeof platformBody>>();
  for (const post of archive.posts) {
    const body = platformBody(post, archive, {
      asset: (asset) => {
        const item = mediaOf(asset, post);
        return item.source ?? item.newPath;
      },
      post: (to, fragment) => `${wxrPostPath(to)}${fragment}`,
    }, 'blocks');
    if (body.featureAsset) mediaOf(body.featureAsset, post);
    bodies.set(post, body);
  }

  const authors = uniqueNames(archive.posts.map((p) => p.meta.author ?? ''));
  const categories = uniqueNames(archive.posts.flatMap((p) => p.meta.categories));
  const tags = uniqueNames(archive.posts.flatMap((p) => p.meta.tags));
  let nextId = 1;
  const postIds = new Map(archive.posts.map((p) => [p, nextId++]));
  const mediaIds = new Map([...media.keys()].map((asset) => [asset, nextId++]));
  const origin = archive.posts[0] ? new URL(archive.posts[0].url).origin : '';

  const dates = (post: PlannedPost) => {
    const utc = sqlDateUtc(instantOf(post.date));
    // Without an offset the wall-clock time is all the archive knows: the site's zone applies.
    return { local: sqlDate(post.date), gmt: post.date.offset ? utc : '0000-00-00 00:00:00' };
  };
  const postItem = (post: PlannedPost) => {
    const body = bodies.get(post)!;
    const { local, gmt } = dates(post);
    const updated = post.updated ? sqlDate(post.updated) : local;
    const meta = [{ 'wp:meta_key': '_blogvault_original_url', 'wp:meta_value': cdata(post.url) }];
    if (body.featureAsset) meta.push({ 'wp:meta_key': '_thumbnail_id', 'wp:meta_value': cdata(String(mediaIds.get(body.featureAsset))) });
    return {
      title: wpText(post.meta.title.replace(/\s+/g, ' ').trim() || post.slug),
      link: post.url,
      pubDate: instantOf(post.date).toUTCString().replace('GMT', '+0000'),
      'dc:creator': cdata(post.meta.author ? authorLogin(post.meta.author) : ''),
      guid: { '@_isPermaLink': 'false', '#text': post.url },
      description: '',
      'content:encoded': cdata(body.html),
      'excerpt:encoded': cdata(wpText(post.meta.description ?? '')),
      'wp:post_id': postIds.get(post),
      'wp:post_date': cdata(local),
      'wp:post_date_gmt': cdata(gmt),
      'wp:post_modified': cdata(updated),
      'wp:post_modified_gmt': cdata(post.updated?.offset ? sqlDateUtc(instantOf(post.updated)) : gmt),
      'wp:comment_status': cdata('open'),
      'wp:ping_status': cdata('open'),
      'wp:post_name': cdata(platformSlug(post)),
      'wp:status': cdata('publish'),
      'wp:post_parent': 0,
      'wp:menu_order': 0,
      'wp:post_type': cdata('post'),
      'wp:post_password': cdata(''),
      'wp:is_sticky': 0,
      category: [
        ...uniqueNames(post.meta.categories).map((c) => ({ '@_domain': 'category', '@_nicename': termSlug(c), ...cdata(c) })),
        ...uniqueNames(post.meta.tags).map((t) => ({ '@_domain': 'post_tag', '@_nicename': termSlug(t), ...cdata(t) })),
      ],
      'wp:postmeta': meta,
    };
  };
  const mediaItem = (item: WxrMedia) => {
    const { local, gmt } = dates(item.parent);
    const name = basename(item.asset).replace(/\.[^.]+$/, '');
    return {
      title: name,
      link: item.source ?? '',
      pubDate: instantOf(item.parent.date).toUTCString().replace('GMT', '+0000'),
      'dc:creator': cdata(item.parent.meta.author ? authorLogin(item.parent.meta.author) : ''),
      guid: { '@_isPermaLink': 'false', '#text': item.source ?? item.file },
      description: '',
      'content:encoded': cdata(''),
      'excerpt:encoded': cdata(''),
      'wp:post_id': mediaIds.get(item.asset),
      'wp:post_date': cdata(local),
      'wp:post_date_gmt': cdata(gmt),
      'wp:post_name': cdata(name.toLowerCase()),
      'wp:status': cdata('inherit'),
      'wp:post_parent': postIds.get(item.parent),
      'wp:menu_order': 0,
      'wp:post_type': cdata('attachment'),
      'wp:post_mime_type': cdata(mimeOf(item.asset)),
      'wp:attachment_url': cdata(item.source ?? ''),
      'wp:postmeta': [{ 'wp:meta_key': '_wp_attached_file', 'wp:meta_value': cdata(item.file.slice('media/'.length)) }],
    };
  };

  let term = 1;
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    rss: {
      ...NAMESPACES,
      channel: {
        title: origin,
        link: origin,
        description: '',
        'wp:wxr_version': '1.2',
        'wp:base_site_url': origin,
        'wp:base_blog_url': origin,
        'wp:author': authors.map((name, i) => ({
          'wp:author_id': i + 1,
          'wp:author_login': cdata(authorLogin(name)),
          'wp:author_email': cdata(''),
          'wp:author_display_name': cdata(name),
          'wp:author_first_name': cdata(''),
          'wp:author_last_name': cdata(''),
        })),
        'wp:category': categories.map((name) => ({
          'wp:term_id': term++,
          'wp:category_nicename': cdata(termSlug(name)),
          'wp:category_parent': cdata(''),
          'wp:cat_name': cdata(name),
        })),
        'wp:tag': tags.map((name) => ({ 'wp:term_id': term++, 'wp:tag_slug': cdata(termSlug(name)), 'wp:tag_name': cdata(name) })),
        generator: 'blogvault',
        // Attachments first: the importer then knows every image URL before it rewrites the posts.
        item: [...[...media.values()].map(mediaItem), ...archive.posts.map(postItem)],
      },
    },
  };
  // Unformatted: an indenting builder puts whitespace around CDATA, and importers keep it in the values.
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', cdataPropName: '__cdata', suppressEmptyNode: false });
  return { xml: builder.build(document) as string, media: [...media.values()], bodies };
}

export async function writeWxr(archive: LoadedArchive, out: string, options: Pick<ExportOptions, 'mediaUrl'>): Promise<WxrResult> {
  const result = buildWxr(archive, options);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'wordpress.xml'), result.xml);
  for (const item of result.media) {
    await mkdir(dirname(join(out, item.file)), { recursive: true });
    await copyFile(join(archive.dir, item.asset), join(out, item.file));
  }
  return result;
}
