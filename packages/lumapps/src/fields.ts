/**
 * `fields` projections of `content/list` (Google partial-response syntax, sent as a query
 * parameter as the discovery document declares). With `template` the body comes inline, so no
 * per-item `content/get` is needed.
 */
export const CONTENT_ITEM_FIELDS = [
  "id",
  "uid",
  "type",
  "customContentType",
  "instance",
  "customer",
  "status",
  "version",
  "lastRevision",
  "feedKeys",
  "public",
  "metadata",
  "tags",
  "tagsDetails",
  "title",
  "slug",
  "excerpt",
  "canonicalUrl",
  "url",
  "link",
  "author",
  "authorId",
  "authorDetails",
  "writerDetails",
  "createdAt",
  "updatedAt",
  "publicationDate",
  "startDate",
  "endDate",
  "template",
] as const;

/** Everything the pipeline uses. */
export const CONTENT_FIELDS = `items(${CONTENT_ITEM_FIELDS.join(",")}),more,cursor`;

/** What a reconcile compares: ids, change markers and audience. */
export const CONTENT_ID_FIELDS = "items(id,uid,status,updatedAt,version,feedKeys,public),more,cursor";
